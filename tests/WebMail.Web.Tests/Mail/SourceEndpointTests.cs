using System.IO.Compression;
using System.Net;
using MailKit;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Testing;

namespace WebMail.Web.Tests.Mail;

public sealed class SourceEndpointTests(WebMailFactory factory) : IClassFixture<WebMailFactory>
{
    private static readonly string Statement = SourceFixtures.Path("auth-results-dmarc-pass.eml");
    private static readonly string Koi8 = Corpus.File("charset-koi8-r.eml").Path;

    [Fact]
    public async Task Source_SignedIn_RawBytesAsInertText()
    {
        var (client, tokens) = await SignedInWithAsync("src", Koi8);

        var response = await client.GetAsync($"/mail/source/{tokens[0]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal(await File.ReadAllBytesAsync(Koi8), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Source_Download_EmlFileNamedAfterTheSubject()
    {
        var (client, tokens) = await SignedInWithAsync("eml", Statement);

        var response = await client.GetAsync($"/mail/source/{tokens[0]}?download=1");

        Assert.Equal("message/rfc822", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Your November statement is ready.eml", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(await File.ReadAllBytesAsync(Statement), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Source_AnotherUsersMessage_NotFound()
    {
        var (_, tokens) = await SignedInWithAsync("owner", Statement, Corpus.File("attachment-png-and-jpeg.eml").Path);
        var client = await factory.SignInAsync(MailStack.NewUser("other"));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/mail/source/{tokens[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/mail/source/{tokens[0]}?download=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/mail/attachments/{tokens[1]}.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/mail/source/not-a-message")).StatusCode);
    }

    [Fact]
    public async Task Source_NotSignedIn_SendsNothing()
    {
        var (_, tokens) = await SignedInWithAsync("anon", Statement);

        var response = await factory.CreateBrowserClient().GetAsync($"/mail/source/{tokens[0]}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zip_TwoAttachments_OneArchiveWithBoth()
    {
        var fixture = Corpus.File("attachment-png-and-jpeg.eml");
        var (client, tokens) = await SignedInWithAsync("zipweb", fixture.Path);

        var response = await client.GetAsync($"/mail/attachments/{tokens[0]}.zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".zip", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var expected = fixture.Load().Attachments.OfType<MimePart>().ToList();
        Assert.Equal(expected.Count, zip.Entries.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            using var decoded = new MemoryStream();
            expected[i].Content!.DecodeTo(decoded);
            using var entry = new MemoryStream();
            await using (var stream = zip.Entries[i].Open())
            {
                await stream.CopyToAsync(entry);
            }

            Assert.Equal(expected[i].FileName, zip.Entries[i].FullName);
            Assert.Equal(decoded.ToArray(), entry.ToArray());
        }
    }

    private async Task<(HttpClient Client, IReadOnlyList<string> Tokens)> SignedInWithAsync(string prefix, params string[] files)
    {
        var user = MailStack.NewUser(prefix);
        var tokens = await SeedAsync(user, files);
        return (await factory.SignInAsync(user), tokens);
    }

    /// <summary>Appends the files as they are; returns each message's token, in order.</summary>
    private static async Task<IReadOnlyList<string>> SeedAsync(string user, params string[] files)
    {
        using var imap = await MailStack.ConnectAsync(user);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var uids = await imap.Inbox.AppendAsync([.. files.Select(f => (IAppendRequest)new AppendRequest(MimeMessage.Load(f)))]);
        var validity = imap.Inbox.UidValidity;
        await imap.DisconnectAsync(true);
        return [.. uids.Select(uid => new MessageRef("INBOX", validity, uid.Id).ToToken())];
    }
}
