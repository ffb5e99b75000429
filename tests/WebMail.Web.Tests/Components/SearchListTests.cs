using Bunit;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>The message list showing a search against the real Dovecot: count, folder labels, links, sentences.</summary>
public sealed class SearchListTests() : MailComponentContext("attachment-pdf-invoice.flagged.eml", "plain-text-urls-and-escaping.eml", "gen-20250527-003-personal.eml")
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task AllFolders_Search_EveryHitNamesItsFolderAndLinksKeepTheSearch()
    {
        var query = new ListQuery("INBOX", "subject:invoice OR subject:hike", AllFolders: true);
        var searching = Render<MessageList>(p => p.Add(c => c.Query, query));
        searching.WaitForAssertion(() => Assert.Equal("2 results", searching.Find(".list-status[role=status]").TextContent), Wait);

        // Shown again (the results are kept per user): without a browser Virtualize does not grow past the rows it
        // had when the first folder answered, so the rows are checked on a list that starts complete.
        await DisposeComponentsAsync();
        var cut = Render<MessageList>(p => p.Add(c => c.Query, query));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("li.row").Count), Wait);
        Assert.Equal("2 results", cut.Find(".list-status[role=status]").TextContent);
        var rows = cut.FindAll("li.row");
        var invoice = rows.Single(r => r.TextContent.Contains("Invoice 2026-10-042", StringComparison.Ordinal));
        var hike = rows.Single(r => r.TextContent.Contains("Photos from the hike", StringComparison.Ordinal));
        Assert.Equal("in folder Inbox", invoice.QuerySelector(".folder-badge")!.TextContent);
        Assert.Equal("in folder Archive", hike.QuerySelector(".folder-badge")!.TextContent);
        Assert.EndsWith("?q=subject%3Ainvoice%20OR%20subject%3Ahike&scope=all", hike.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.StartsWith($"mail/{FolderToken.Encode("INBOX")}/", hike.QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("Search results", cut.Find("ul.messages").GetAttribute("aria-label"));
    }

    [Fact]
    public void Search_NothingMatches_SaysSo()
    {
        var cut = Render<MessageList>(p => p.Add(c => c.Query, new ListQuery("INBOX", "subject:nothing-has-this-subject")));

        cut.WaitForAssertion(() => Assert.Equal("No messages match your search.", cut.Find("li.empty").TextContent), Wait);
        Assert.Equal("0 results", cut.Find(".list-status[role=status]").TextContent);
    }

    [Fact]
    public void Search_TextThatCannotBeUnderstood_ShowsTheParsersSentenceAndNoError()
    {
        string? error = null;
        var cut = Render<MessageList>(p => p.Add(c => c.Query, new ListQuery("INBOX", "from:")).Add(c => c.OnError, (string e) => error = e));

        cut.WaitForAssertion(() => Assert.StartsWith("from:", cut.Find(".list-status[role=alert]").TextContent, StringComparison.Ordinal), Wait);
        Assert.Empty(cut.FindAll("li.row"));
        Assert.Null(error);
    }
}
