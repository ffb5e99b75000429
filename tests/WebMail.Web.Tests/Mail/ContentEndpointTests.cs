using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Mail;

public sealed class ContentEndpointTests : IClassFixture<WebMailFactory>
{
    private static readonly string[] Fixtures =
    [
        "attachment-pdf-invoice.flagged.eml", "hostile-html-sanitizer.eml", "html-inline-cid-logo.eml",
        "html-newsletter-remote-images.unread.eml", "attachment-rfc2231-filenames.eml",
    ];

    private readonly WebMailFactory _factory;

    public ContentEndpointTests(WebMailFactory factory) => _factory = factory;

    [Fact]
    public async Task Attachment_SignedIn_StreamsExactBytesAsDownload()
    {
        var (client, user) = await SignedInWithCorpusAsync();
        var view = await OpenAsync(user, "Invoice 2026-10-042");
        var pdf = Assert.Single(view.Attachments);

        var response = await client.GetAsync($"/mail/attachment/{view.Id.ToToken()}/{pdf.PartId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("invoice-2026-10-042.pdf", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Decoded("attachment-pdf-invoice.flagged.eml", 0), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Attachment_NonAsciiName_OfferedWithEncodedFileName()
    {
        var (client, user) = await SignedInWithCorpusAsync();
        var view = await OpenAsync(user, "Attachment names with RFC 2231 encoding");

        var response = await client.GetAsync($"/mail/attachment/{view.Id.ToToken()}/{view.Attachments[0].PartId}");

        Assert.Equal("Übersicht Prüfungstermine 2027.txt", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Attachment_NotSignedIn_SendsNothing()
    {
        var (_, user) = await SignedInWithCorpusAsync();
        var view = await OpenAsync(user, "Invoice 2026-10-042");

        var response = await _factory.CreateBrowserClient().GetAsync($"/mail/attachment/{view.Id.ToToken()}/{view.Attachments[0].PartId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html", "page.html")]
    [InlineData("image/svg+xml", "drawing.svg")]
    public async Task Attachment_ActiveContentType_NeverServedAsItself(string mediaType, string name)
    {
        var user = MailStack.NewUser("act");
        var builder = new BodyBuilder { TextBody = "see attached" };
        builder.Attachments.Add(name, "<script>alert(1)</script>"u8.ToArray(), ContentType.Parse(mediaType));
        var message = new MimeMessage { Subject = "Active attachment", Body = builder.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse("x@example.org"));
        using (var imap = await MailStack.ConnectAsync(user))
        {
            await imap.Inbox.AppendAsync(new MailKit.AppendRequest(message));
        }

        var client = await _factory.SignInAsync(user);
        var view = await OpenAsync(user, "Active attachment");

        var response = await client.GetAsync($"/mail/attachment/{view.Id.ToToken()}/{view.Attachments[0].PartId}");

        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Frame_HostileMessage_ServedSanitizedUnderStrictPolicy()
    {
        var (client, user) = await SignedInWithCorpusAsync();
        var frame = Prepare(user, await OpenAsync(user, "Hostile HTML test"), allowRemote: false);

        var response = await client.GetAsync($"/mail/frame/{frame.Token}");
        var html = await response.Content.ReadAsStringAsync();
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var attributes = document.All.SelectMany(e => e.Attributes).ToList();
        Assert.Contains("SAFE-CONTENT-MARKER", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("script, iframe, object, embed, form, link, meta[http-equiv], svg, math"));
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Value.Contains("/account/logout", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Value.Contains("tracker.example", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("sandbox allow-popups allow-popups-to-escape-sandbox", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-scripts", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-same-origin", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Frame_RemoteContent_BlockedUntilAllowed()
    {
        var (client, user) = await SignedInWithCorpusAsync();
        var view = await OpenAsync(user, "Northwind Outdoor");

        var blocked = Prepare(user, view, allowRemote: false);
        var allowed = Prepare(user, view, allowRemote: true);
        var blockedResponse = await client.GetAsync($"/mail/frame/{blocked.Token}");
        var allowedResponse = await client.GetAsync($"/mail/frame/{allowed.Token}");

        Assert.True(blocked.BlockedRemoteCount > 0);
        Assert.DoesNotContain("https://", Regex.Replace(await blockedResponse.Content.ReadAsStringAsync(), "href=\"https://[^\"]*\"", ""), StringComparison.Ordinal);
        Assert.DoesNotContain("https:", blockedResponse.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var allowedHtml = await allowedResponse.Content.ReadAsStringAsync();
        var allowedPolicy = allowedResponse.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"<img src=\"/mail/frame/{allowed.Token}/remote/", allowedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("img.northwind-outdoor.example", allowedHtml, StringComparison.Ordinal);

        // Shown through the proxy: the frame may load images from its own path only, from no remote origin.
        Assert.Matches($"img-src http://localhost/mail/frame/{allowed.Token}/;", allowedPolicy);
        Assert.DoesNotContain("https:", allowedPolicy, StringComparison.Ordinal);
        Assert.Contains("font-src 'none'", allowedPolicy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frame_OtherUser_GetsNothing()
    {
        var (_, user) = await SignedInWithCorpusAsync();
        var frame = Prepare(user, await OpenAsync(user, "Hostile HTML test"), allowRemote: false);
        var other = await _factory.SignInAsync(MailStack.NewUser("other"));

        var response = await other.GetAsync($"/mail/frame/{frame.Token}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Frame_CidImage_ServedToTheFrameWithoutCookie()
    {
        var (_, user) = await SignedInWithCorpusAsync();
        var frame = Prepare(user, await OpenAsync(user, "Inline logo via cid"), allowRemote: false);
        var src = Regex.Match(frame.Html, "src=\"([^\"]+)\"").Groups[1].Value;

        var response = await _factory.CreateBrowserClient().GetAsync(src);

        Assert.StartsWith($"/mail/frame/{frame.Token}/cid/", src, StringComparison.Ordinal);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Decoded("html-inline-cid-logo.eml", -1), await response.Content.ReadAsByteArrayAsync());
    }

    private PreparedFrame Prepare(string user, MessageView view, bool allowRemote) =>
        _factory.Services.GetRequiredService<MessageFrameStore>().Prepare(user, view, allowRemote, "/");

    private async Task<(HttpClient Client, string User)> SignedInWithCorpusAsync()
    {
        var user = MailStack.NewUser("web");
        await Seeder.SeedAsync(user, MailStack.TestPassword, Fixtures.Select(Corpus.File));
        return (await _factory.SignInAsync(user), user);
    }

    private async Task<MessageView> OpenAsync(string user, string subjectStart)
    {
        using var lease = _factory.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 100);
        return await lease.Session.Messages.GetMessageAsync(page.Rows.Single(r => r.Subject.StartsWith(subjectStart, StringComparison.Ordinal)).Id);
    }

    /// <summary>Decoded bytes of a fixture's attachment (index) or, with -1, of its first inline image.</summary>
    private static byte[] Decoded(string fixture, int index)
    {
        var message = Corpus.File(fixture).Load();
        var part = index >= 0
            ? (MimePart)message.Attachments.ElementAt(index)
            : message.BodyParts.OfType<MimePart>().First(p => p.ContentType.MediaType == "image");
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
