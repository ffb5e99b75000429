using MailKit;
using WebMail.Mail.Configuration;
using WebMail.Mail.Model;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Rendering;

/// <summary>An HTML part above <see cref="MailSessionOptions.MaxSanitizedHtmlBytes"/> is offered as text, never fetched whole.</summary>
public sealed class LargeHtmlTests
{
    private const int SixMegabytes = 6 * 1024 * 1024;

    [Fact]
    public async Task GetMessage_HtmlAboveLimitWithTextAlternative_ReadsOnlyTheAlternative()
    {
        var user = MailStack.NewUser("bightml");
        await LargeMail.AppendAsync(user, "Six megabytes of HTML", SixMegabytes, "The plain version of the report.");
        var counter = new ServerByteCounter();
        await using var host = new MailTestHost(protocolLogger: () => counter);
        using var lease = host.Pool.Lease(user);
        var row = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single();
        var before = counter.ServerBytes;

        var view = await lease.Session.Messages.GetMessageAsync(row.Id);

        Assert.Null(view.Body.Html);
        Assert.Equal("The plain version of the report.", view.Body.Text?.Trim());
        var large = Assert.IsType<LargeHtmlPart>(view.Body.LargeHtml);
        Assert.True(large.TextFromAlternative);
        Assert.InRange(large.Size, SixMegabytes, SixMegabytes + (64 * 1024));
        Assert.True(counter.ServerBytes - before < 64 * 1024, $"opening the message downloaded {counter.ServerBytes - before} bytes");
    }

    [Fact]
    public async Task GetMessage_HtmlAboveLimitWithoutAlternative_TextOfItsBeginningWithinDisplayLimit()
    {
        var user = MailStack.NewUser("bightml");
        await LargeMail.AppendAsync(user, "Six megabytes of HTML only", SixMegabytes);
        var counter = new ServerByteCounter();
        await using var host = new MailTestHost(protocolLogger: () => counter);
        using var lease = host.Pool.Lease(user);
        var row = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single();
        var before = counter.ServerBytes;

        var view = await lease.Session.Messages.GetMessageAsync(row.Id);

        Assert.Null(view.Body.Html);
        Assert.StartsWith(LargeMail.Opening + "\nParagraph 1: the figures for this region are in the table below & in the appendix.", view.Body.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", view.Body.Text, StringComparison.Ordinal);
        var large = Assert.IsType<LargeHtmlPart>(view.Body.LargeHtml);
        Assert.False(large.TextFromAlternative);
        Assert.True(large.TextTruncated);
        var limit = new MailSessionOptions().MaxDisplayedBodyBytes;
        Assert.True(counter.ServerBytes - before < limit + (64 * 1024), $"opening the message downloaded {counter.ServerBytes - before} bytes");
    }

    [Fact]
    public async Task GetMessage_HtmlJustBelowLimit_ShownAsHtml()
    {
        var user = MailStack.NewUser("bightml");
        await LargeMail.AppendAsync(user, "Four megabytes of HTML", 4 * 1024 * 1024);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var row = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single();

        var view = await lease.Session.Messages.GetMessageAsync(row.Id);

        Assert.Null(view.Body.LargeHtml);
        Assert.StartsWith("<html>", view.Body.Html, StringComparison.Ordinal);
    }

    /// <summary>Counts the bytes the server sent, without keeping any of them.</summary>
    private sealed class ServerByteCounter : IProtocolLogger
    {
        private long _serverBytes;

        public long ServerBytes => Interlocked.Read(ref _serverBytes);

        public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

        public void LogConnect(Uri uri)
        {
        }

        public void LogClient(byte[] buffer, int offset, int count)
        {
        }

        public void LogServer(byte[] buffer, int offset, int count) => Interlocked.Add(ref _serverBytes, count);

        public void Dispose()
        {
        }
    }
}
