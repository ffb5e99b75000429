using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Components.Mail;
using WebMail.Web.Tests.Components;

namespace WebMail.Web.Tests.Mail;

/// <summary>A 6 MB HTML mail in the reader: offered as plain text or a download, never sanitized into a frame.</summary>
public sealed class LargeHtmlReaderTests() : MailComponentContext("charset-koi8-r.eml")
{
    private const int SixMegabytes = 6 * 1024 * 1024;

    [Fact]
    public async Task Open_SixMegabyteHtml_OffersTextAndDownloadNeverAFrame()
    {
        await LargeMail.AppendAsync(User, "Six megabytes of HTML", SixMegabytes);
        var id = await FindAsync("Six megabytes of HTML");

        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));
        var offer = cut.WaitForElement("[aria-label='Large message']", TimeSpan.FromSeconds(20));

        Assert.Matches(@"^This message's formatted version is too large to show here \(6\.\d MB\)\.$", offer.QuerySelector("span")?.TextContent);
        Assert.Empty(cut.FindAll("iframe"));
        Assert.Empty(cut.FindAll(".text-body"));
        Assert.Equal($"mail/attachment/{id.ToToken()}/1", cut.Find("[aria-label='Large message'] a").GetAttribute("href"));
        Assert.Equal(0, Services.GetRequiredService<WebMail.Web.Mail.MessageFrameStore>().CachedBytesOf(User));

        cut.Find("button:contains('Show as plain text')").Click();

        // The click reads the text part from IMAP: wait for it.
        var text = cut.WaitForElement(".text-body", TimeSpan.FromSeconds(20)).TextContent;
        Assert.StartsWith(LargeMail.Opening + "\nParagraph 1: the figures for this region are in the table below & in the appendix.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", text, StringComparison.Ordinal);
        Assert.Contains("Only the beginning of the text is shown", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("button:contains('Show as plain text')"));
    }

    [Fact]
    public async Task Open_SixMegabyteHtmlWithTextAlternative_ShowsTheSendersPlainVersion()
    {
        await LargeMail.AppendAsync(User, "Six megabytes with a plain version", SixMegabytes, "The plain version of the report.");
        var id = await FindAsync("Six megabytes with a plain version");
        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));
        cut.WaitForElement("[aria-label='Large message']", TimeSpan.FromSeconds(20));

        cut.Find("button:contains('Show as plain text')").Click();

        Assert.Equal("The plain version of the report.", cut.WaitForElement(".text-body", TimeSpan.FromSeconds(20)).TextContent.Trim());
        Assert.DoesNotContain("taken from the formatted version", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_UnknownCharsetMail_ShowsTheNoticeOrdinaryMailDoesNot()
    {
        await Seeder.SeedAsync(User, MailStack.TestPassword, [Corpus.File("unknown-charset-latin1.eml")]);
        var ordinaryId = await FindAsync("Отчёт за октябрь");
        var exoticId = await FindAsync("Unknown charset with Latin-1 bytes", "Charsets");
        var ordinary = Render<MessageReader>(p => p.Add(c => c.Id, ordinaryId));
        ordinary.WaitForElement(".text-body", TimeSpan.FromSeconds(10));
        var exotic = Render<MessageReader>(p => p.Add(c => c.Id, exoticId));
        exotic.WaitForElement(".text-body", TimeSpan.FromSeconds(10));

        Assert.Empty(ordinary.FindAll("[role=note]"));
        Assert.Contains("“x-unknown”, which WebMail cannot read", exotic.Find("[role=note]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Grüße aus Köln", exotic.Find(".text-body").TextContent, StringComparison.Ordinal);
    }

    private async Task<MessageRef> FindAsync(string subjectStart, string folder = "INBOX")
    {
        using var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User);
        var page = await lease.Session.Messages.GetMessagesAsync(folder, 0, 50);
        return page.Rows.Single(r => r.Subject.StartsWith(subjectStart, StringComparison.Ordinal)).Id;
    }
}
