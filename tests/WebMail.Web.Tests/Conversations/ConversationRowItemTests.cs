using Bunit;
using WebMail.Mail.Conversations;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Conversations;

/// <summary>A conversation row says who took part (the user as "me"), how many messages, and whether any is unread.</summary>
public sealed class ConversationRowItemTests : WebMail.Web.Tests.Components.LocalizedBunitContext
{
    private static ConversationRow Row(int count, bool unread, params string[] participants)
    {
        var messages = Enumerable.Range(1, count).Select(i => new MessageRef("INBOX", 7, (uint)(10 + i))).ToList();
        return new ConversationRow(messages[^1], messages, participants, "Project plan", new DateTimeOffset(2026, 3, 2, 9, 10, 0, TimeSpan.Zero), unread, Flagged: false);
    }

    [Fact]
    public void Render_ThreeMessagesOneUnread_ParticipantsCountAndUnreadShown()
    {
        var cut = Render<ConversationRowItem>(p => p.Add(c => c.Row, Row(3, unread: true, "Carol Jones", "me", "Dave")));

        var row = cut.Find("li.conversation");
        Assert.Equal("Carol Jones, me, Dave", row.QuerySelector(".participants")!.TextContent);
        Assert.Equal("3 messages", row.QuerySelector(".count-badge")!.TextContent);
        Assert.Equal("3", row.QuerySelector(".count-badge")!.FirstChild!.TextContent);
        Assert.Contains("unread", row.ClassList);
        Assert.NotNull(row.QuerySelector(".unread-badge"));
        var link = cut.Find("a");
        // Named by its text (what is seen, plus hidden words): no aria-label that would differ from it.
        Assert.Null(link.GetAttribute("aria-label"));
        Assert.Matches(@"^Carol Jones, me, Dave .*Project plan 3 messages\s*Unread$", System.Text.RegularExpressions.Regex.Replace(link.TextContent, @"\s+", " ").Trim());
        Assert.Equal($"mail/{FolderToken.Encode("INBOX")}/{new MessageRef("INBOX", 7, 13).ToToken()}", link.GetAttribute("href"));
    }

    [Fact]
    public void Render_OneReadMessage_NoCountNoUnread()
    {
        var cut = Render<ConversationRowItem>(p => p.Add(c => c.Row, Row(1, unread: false, "Gina")));

        var row = cut.Find("li.conversation");
        Assert.DoesNotContain("unread", row.ClassList);
        Assert.Null(row.QuerySelector(".count-badge"));
        Assert.Null(row.QuerySelector(".unread-badge"));
        Assert.Null(cut.Find("a").GetAttribute("aria-label"));
        Assert.Contains("Project plan", cut.Find("a").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyParticipants_FirstThreeThenHowManyMore()
    {
        var cut = Render<ConversationRowItem>(p => p.Add(c => c.Row, Row(6, unread: false, "Ann", "Bob", "me", "Dan", "Eve")));

        Assert.Equal("Ann, Bob, me +2", cut.Find(".participants").TextContent);
    }
}
