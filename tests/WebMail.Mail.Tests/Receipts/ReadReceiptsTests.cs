using System.Text;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Receipts;

namespace WebMail.Mail.Tests.Receipts;

/// <summary>The RFC 8098 read receipt as a receiving mail program parses it back.</summary>
public sealed class ReadReceiptsTests
{
    private static MessageView Original(string headers, params string[] keywords)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(headers.ReplaceLineEndings("\r\n") + "\r\n\r\n"));
        return new MessageView(new MessageRef("INBOX", 1, 7), "Budget 2027", new MailAddress("Bob", "bob@example.com"), [], [], [],
            new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), 100, false, false, MessageBody.Empty, [])
        {
            Headers = HeaderList.Load(stream),
            Keywords = keywords,
        };
    }

    [Fact]
    public void Build_Request_IsAMultipartReportWithTextAndDispositionFields()
    {
        var original = Original("""
            Message-ID: <budget-1@example.com>
            Disposition-Notification-To: "Bob" <bob@example.com>
            Original-Recipient: rfc822; alice@example.org
            """);

        using var built = ReadReceipts.Build(original, new MailboxAddress("Alice", "alice@example.org"), "example.org; WebMail", DateTimeOffset.UtcNow);
        using var wire = new MemoryStream();
        built.WriteTo(wire);
        wire.Position = 0;
        using var parsed = MimeMessage.Load(wire);

        Assert.Equal("bob@example.com", parsed.To.Mailboxes.Single().Address);
        Assert.Equal("alice@example.org", parsed.From.Mailboxes.Single().Address);
        Assert.Equal("budget-1@example.com", parsed.InReplyTo);
        Assert.Null(parsed.Headers["Disposition-Notification-To"]);
        var report = Assert.IsType<MultipartReport>(parsed.Body);
        Assert.Equal("disposition-notification", report.ReportType);
        Assert.Equal(2, report.Count);
        var text = Assert.IsType<TextPart>(report[0]);
        Assert.True(text.IsPlain);
        Assert.Contains("Budget 2027", text.Text, StringComparison.Ordinal);
        var mdn = Assert.IsType<MessageDispositionNotification>(report[1]);
        Assert.Equal("message/disposition-notification", mdn.ContentType.MimeType);
        Assert.Equal("example.org; WebMail", mdn.Fields["Reporting-UA"]);
        Assert.Equal("rfc822; alice@example.org", mdn.Fields["Original-Recipient"]);
        Assert.Equal("rfc822; alice@example.org", mdn.Fields["Final-Recipient"]);
        Assert.Equal("<budget-1@example.com>", mdn.Fields["Original-Message-ID"]);
        Assert.Equal("manual-action/MDN-sent-manually; displayed", mdn.Fields["Disposition"]);
    }

    [Fact]
    public void Build_WithoutOriginalRecipient_LeavesThatFieldOut()
    {
        var original = Original("Disposition-Notification-To: bob@example.com");

        using var built = ReadReceipts.Build(original, new MailboxAddress(null, "alice@example.org"), "example.org; WebMail", DateTimeOffset.UtcNow);

        var mdn = Assert.IsType<MessageDispositionNotification>(Assert.IsType<MultipartReport>(built.Body)[1]);
        Assert.False(mdn.Fields.Contains("Original-Recipient"));
        Assert.False(mdn.Fields.Contains("Original-Message-ID"));
        Assert.Equal("rfc822; alice@example.org", mdn.Fields["Final-Recipient"]);
    }

    [Theory]
    [InlineData("Disposition-Notification-To: bob@example.com", true)]
    [InlineData("Disposition-Notification-To: not an address", false)]
    [InlineData("Subject: no request", false)]
    public void IsPending_Request_AsTheHeaderSays(string header, bool pending) => Assert.Equal(pending, ReadReceipts.IsPending(Original(header)));

    [Fact]
    public void IsPending_AlreadyAnswered_IsNot() =>
        Assert.False(ReadReceipts.IsPending(Original("Disposition-Notification-To: bob@example.com", "$label1", "$MDNSent")));
}
