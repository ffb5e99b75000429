using Bunit;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

public sealed class MessageListTests() : MailComponentContext("html-newsletter-remote-images.unread.eml", "plain-text-urls-and-escaping.eml", "attachment-pdf-invoice.flagged.eml")
{
    [Fact]
    public void Render_Inbox_RowsNewestFirstUnreadBoldFlagsAndAttachmentsShown()
    {
        var cut = Render<MessageList>(p => p.Add(c => c.Query, new ListQuery("INBOX")));

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("li.row").Count), TimeSpan.FromSeconds(10));
        var rows = cut.FindAll("li.row");
        var newsletter = rows.Single(r => r.TextContent.Contains("Northwind Outdoor", StringComparison.Ordinal));
        var invoice = rows.Single(r => r.TextContent.Contains("Invoice 2026-10-042", StringComparison.Ordinal));
        Assert.Contains("unread", newsletter.ClassList);
        Assert.DoesNotContain("unread", invoice.ClassList);
        Assert.Contains("flagged", invoice.ClassList);
        Assert.NotNull(invoice.QuerySelector(".attach-badge"));
        Assert.Null(newsletter.QuerySelector(".attach-badge"));
        var dates = rows.Select(r => DateTimeOffset.Parse(r.QuerySelector("time")!.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public void Render_EmptyFolder_SaysSo()
    {
        var cut = Render<MessageList>(p => p.Add(c => c.Query, new ListQuery("Junk")));

        cut.WaitForAssertion(() => Assert.Equal("This folder is empty.", cut.Find("li.empty").TextContent), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Render_FolderThatCannotBeRead_NotCalledEmptyAndTheErrorIsPassedOn()
    {
        string? error = null;
        var cut = Render<MessageList>(p => p.Add(c => c.Query, new ListQuery("No such folder")).Add(c => c.OnError, (string e) => error = e));

        cut.WaitForAssertion(() => Assert.Equal("The messages of this folder could not be loaded.", cut.Find("li.empty").TextContent), TimeSpan.FromSeconds(10));
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Empty(cut.FindAll("[role=status]"));
    }
}
