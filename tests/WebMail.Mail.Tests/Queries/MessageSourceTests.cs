using MailKit;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Queries;

public sealed class MessageSourceTests
{
    /// <summary>8-bit bodies in a non-UTF-8 charset (KOI8-R, windows-1252), 8-bit UTF-8, and the Authentication-Results fixtures.</summary>
    private static readonly string[] Files =
    [
        Corpus.File("charset-koi8-r.eml").Path, Corpus.File("charset-windows-1252-smart-quotes.eml").Path,
        Corpus.File("proj-20261027-broken-link-report-for-www-example-t.eml").Path,
        SourceFixtures.Path("auth-results-dmarc-pass.eml"), SourceFixtures.Path("auth-results-forged-pass-below-fail.eml"),
    ];

    [Fact]
    public async Task CopyRaw_AppendedFiles_ByteExactAsFileAndAsAPlainClientFetchesThem()
    {
        var user = MailStack.NewUser("raw");
        var uids = await AppendAsync(user, Files.Select(f => MimeMessage.Load(f)));
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);

        for (var i = 0; i < Files.Length; i++)
        {
            var id = page.Rows.Single(r => r.Id.Uid == uids[i].Id).Id;
            using var copy = new MemoryStream();
            await lease.Session.Messages.CopyRawToAsync(id, copy);

            Assert.Equal(await File.ReadAllBytesAsync(Files[i]), copy.ToArray());
            Assert.Equal(await PlainFetchAsync(user, uids[i]), copy.ToArray());
        }

        // Reading the source is not reading the message.
        Assert.All((await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows, r => Assert.False(r.Seen));
    }

    [Fact]
    public async Task CopyRaw_DeliveredThroughPostfix_EndsWithTheFileAfterTheServersTraceFields()
    {
        var user = MailStack.NewUser("rawsmtp");
        var file = Corpus.File("charset-koi8-r.eml").Path;
        await MailStack.DeliverAsync(MimeMessage.Load(file), user);
        await MailStack.WaitForInboxAsync(user, 1);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var row = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single();

        using var copy = new MemoryStream();
        await lease.Session.Messages.CopyRawToAsync(row.Id, copy);

        var raw = copy.ToArray();
        var original = await File.ReadAllBytesAsync(file);
        Assert.Equal(original, raw[^original.Length..]);
        Assert.Contains("Received: from", System.Text.Encoding.Latin1.GetString(raw, 0, raw.Length - original.Length), StringComparison.Ordinal);
        Assert.Equal(await PlainFetchAsync(user, new UniqueId(row.Id.UidValidity, row.Id.Uid)), raw);
    }

    [Fact]
    public async Task CopyRaw_MessageOfManyChunks_SameBytesAsAPlainClient()
    {
        var user = MailStack.NewUser("rawbig");
        await LargeMail.AppendAsync(user, "Large source", 900 * 1024);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var row = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single();

        using var copy = new MemoryStream();
        await lease.Session.Messages.CopyRawToAsync(row.Id, copy);

        Assert.True(copy.Length > 3 * 256 * 1024);
        Assert.Equal(row.Size, copy.Length);
        Assert.Equal(await PlainFetchAsync(user, new UniqueId(row.Id.UidValidity, row.Id.Uid)), copy.ToArray());
    }

    [Fact]
    public async Task CopyRaw_MessageGone_NotFound()
    {
        var user = MailStack.NewUser("rawgone");
        var uids = await AppendAsync(user, [MimeMessage.Load(Files[0])]);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single().Id;

        var missing = id with { Uid = uids[0].Id + 1000 };

        await Assert.ThrowsAsync<MailItemNotFoundException>(() => lease.Session.Messages.GetSourceInfoAsync(missing));
        await Assert.ThrowsAsync<MailItemNotFoundException>(() => lease.Session.Messages.CopyRawToAsync(missing, Stream.Null));
    }

    [Fact]
    public async Task OpenedMessage_HeadersInServerOrder_VerdictFromTheTopmostTrustedField()
    {
        var user = MailStack.NewUser("verdict");
        await AppendAsync(user, [MimeMessage.Load(SourceFixtures.Path("auth-results-dmarc-pass.eml")), MimeMessage.Load(SourceFixtures.Path("auth-results-forged-pass-below-fail.eml"))]);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var rows = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 2)).Rows;
        var good = await lease.Session.Messages.GetMessageAsync(rows.Single(r => r.Subject.StartsWith("Your November", StringComparison.Ordinal)).Id);
        var forged = await lease.Session.Messages.GetMessageAsync(rows.Single(r => r.Subject.StartsWith("Urgent", StringComparison.Ordinal)).Id);

        Assert.Equal("Verified northwind-bank.example", SenderVerdict.Decide(good.Headers, good.From?.Address, "mx.test.example")?.Text);
        Assert.Equal("Could not verify this sender", SenderVerdict.Decide(forged.Headers, forged.From?.Address, "mx.test.example")?.Text);
        Assert.Null(SenderVerdict.Decide(forged.Headers, forged.From?.Address, "relay.attacker.example.org"));
        var fields = HeaderFields.ForDisplay(good.Headers);
        Assert.Equal("Authentication-Results", fields[0].Name);
        Assert.Contains(fields, f => f is { Name: "X-Mailer", Value: "Northwind Mailer — v2" });
        Assert.Equal(good.Headers.Count, fields.Count);
    }

    private static async Task<IList<UniqueId>> AppendAsync(string user, IEnumerable<MimeMessage> messages)
    {
        using var client = await MailStack.ConnectAsync(user);
        var uids = await client.Inbox.AppendAsync([.. messages.Select(m => (IAppendRequest)new AppendRequest(m))]);
        await client.DisconnectAsync(true);
        return uids;
    }

    /// <summary>The message as a plain MailKit client fetches it (BODY.PEEK[] in one piece).</summary>
    private static async Task<byte[]> PlainFetchAsync(string user, UniqueId uid)
    {
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        using var stream = await client.Inbox.GetStreamAsync(uid, "");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        await client.DisconnectAsync(true);
        return copy.ToArray();
    }
}
