using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

public sealed class MessageReaderTests() : MailComponentContext("html-newsletter-remote-images.unread.eml", "plain-text-urls-and-escaping.eml", "attachment-pdf-invoice.flagged.eml")
{
    [Fact]
    public async Task Open_UnreadNewsletter_MarksReadAndBlocksRemoteContentUntilAsked()
    {
        var id = await FindAsync("Northwind Outdoor");
        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));
        cut.WaitForElement("iframe[title='Message content']", TimeSpan.FromSeconds(10));

        // The frame is in place at once; the banner follows once the message has been cleaned.
        Assert.Contains("blocked to protect your privacy", cut.WaitForElement("[aria-label='Remote content']", TimeSpan.FromSeconds(10)).TextContent, StringComparison.Ordinal);
        var blockedSrc = cut.Find("iframe").GetAttribute("src");
        await WaitUntilSeenAsync(id);

        cut.Find("button:contains('Show remote content')").Click();

        Assert.Empty(cut.FindAll("[aria-label='Remote content']"));
        Assert.NotEqual(blockedSrc, cut.Find("iframe").GetAttribute("src"));
        Assert.Equal("sandbox", cut.Find("iframe").Attributes["sandbox"]?.Name);
        Assert.DoesNotContain("allow-scripts", cut.Find("iframe").GetAttribute("sandbox"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlwaysShowFromSender_Clicked_KeptAndNextOpenShowsRemoteThroughProxy()
    {
        var id = await FindAsync("Northwind Outdoor");
        var first = Render<MessageReader>(p => p.Add(c => c.Id, id));
        first.WaitForElement("button:contains('Always show from this sender')", TimeSpan.FromSeconds(10)).Click();
        first.WaitForAssertion(() => Assert.Contains("always shown", first.Find("[aria-label='Remote content']").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));

        // Opened again (another day, another tab): shown at once, without asking, and still through the proxy.
        var again = Render<MessageReader>(p => p.Add(c => c.Id, id));
        again.WaitForAssertion(() => Assert.Contains("always shown", again.Find("[aria-label='Remote content']").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var token = again.Find("iframe").GetAttribute("src")!["mail/frame/".Length..];
        var frame = await Services.GetRequiredService<WebMail.Web.Mail.MessageFrameStore>().GetAsync(token);
        Assert.True(frame!.AllowRemote);
        Assert.Contains($"/mail/frame/{token}/remote/", frame.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("img.northwind-outdoor.example", frame.Html, StringComparison.Ordinal);

        again.Find("button:contains('Stop showing from this sender')").Click();
        again.WaitForAssertion(() => Assert.Contains("blocked to protect your privacy", again.Find("[aria-label='Remote content']").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var third = Render<MessageReader>(p => p.Add(c => c.Id, id));
        Assert.Contains("blocked to protect your privacy", third.WaitForElement("[aria-label='Remote content']", TimeSpan.FromSeconds(10)).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_PlainText_ShownEscapedWithClickableLinks()
    {
        var id = await FindAsync("Links & <angle brackets>");

        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));
        var body = cut.WaitForElement(".text-body", TimeSpan.FromSeconds(10));

        Assert.Empty(cut.FindAll("iframe"));
        Assert.Contains("<", body.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(body.QuerySelectorAll("a[target=_blank][rel='noopener noreferrer']"));
        Assert.Empty(body.QuerySelectorAll("script, b, angle"));
    }

    [Fact]
    public async Task Flag_Click_TogglesFlagOnServerAndButtonLabel()
    {
        var id = await FindAsync("Invoice 2026-10-042");
        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));
        cut.WaitForElement("button[aria-pressed]", TimeSpan.FromSeconds(10));
        Assert.Equal("Unflag", cut.Find("button[aria-pressed]").TextContent);

        cut.Find("button[aria-pressed]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Flag", cut.Find("button[aria-pressed]").TextContent), TimeSpan.FromSeconds(10));
        Assert.False((await RowAsync(id)).Flagged);
        Assert.Contains("invoice-2026-10-042.pdf", cut.Find("[aria-label=Attachments]").TextContent, StringComparison.Ordinal);
    }

    private async Task<MessageRef> FindAsync(string subjectStart)
    {
        using var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 50);
        return page.Rows.Single(r => r.Subject.StartsWith(subjectStart, StringComparison.Ordinal)).Id;
    }

    private async Task<MessageRow> RowAsync(MessageRef id)
    {
        using var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User);
        return (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 50)).Rows.Single(r => r.Id == id);
    }

    private async Task<bool> IsSeenAsync(MessageRef id) => (await RowAsync(id)).Seen;

    /// <summary>\Seen is stored after the body is on screen, so the server sees it a moment after the render.</summary>
    private async Task WaitUntilSeenAsync(MessageRef id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await IsSeenAsync(id))
        {
            Assert.True(DateTime.UtcNow < deadline, "the message was never marked read");
            await Task.Delay(50);
        }
    }
}
