using Bunit;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

public sealed class FolderTreeTests : MailComponentContext
{
    private static readonly FolderInfo[] Folders =
    [
        new("INBOX", "Inbox", 0, FolderRole.Inbox, 10, 3, true),
        new("Sent", "Sent", 0, FolderRole.Sent, 4, 0, true),
        new("Projects", "Projects", 0, FolderRole.None, 0, 0, false),
        new("Projects/Website", "Website", 1, FolderRole.None, 8, 1, true),
    ];

    [Fact]
    public void Render_UnreadFolder_AnnouncesUnreadCount()
    {
        var cut = Render<FolderTree>(p => p.Add(c => c.Folders, Folders).Add(c => c.SelectedPath, "Sent"));

        // The link's name is its visible text ("Inbox 3") completed by hidden words: no aria-label that differs from it.
        var inbox = Link(cut, "INBOX");
        Assert.Equal("Inbox, 3 unread", Name(inbox));
        Assert.Null(inbox.GetAttribute("aria-label"));
        Assert.Equal("3", Visible(inbox.QuerySelector(".count")!));
        Assert.Equal("Sent", Name(Link(cut, "Sent")));
        Assert.Null(Link(cut, "Sent").QuerySelector(".count"));
    }

    [Fact]
    public void Render_SelectedFolder_MarkedAsCurrentPage()
    {
        var cut = Render<FolderTree>(p => p.Add(c => c.Folders, Folders).Add(c => c.SelectedPath, "Projects/Website"));

        var current = Assert.Single(cut.FindAll("a[aria-current=page]"));
        Assert.Contains("Website", current.TextContent, StringComparison.Ordinal);
        Assert.Equal($"mail/{FolderToken.Encode("Projects/Website")}", current.GetAttribute("href"));
    }

    [Fact]
    public void Render_NonSelectableFolder_IsNotALink()
    {
        var cut = Render<FolderTree>(p => p.Add(c => c.Folders, Folders));

        Assert.DoesNotContain(cut.FindAll("nav[aria-label=Folders] a"), a => a.TextContent.Trim() == "Projects");
        Assert.Contains("depth-1", cut.FindAll("li")[3].ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FolderTheServerWouldNotCount_ShowsNoCountAndTheServersReason()
    {
        FolderInfo[] folders = [Folders[0], new("Locked", "Locked", 0, FolderRole.None, 0, 0, true, "Permission denied")];

        var cut = Render<FolderTree>(p => p.Add(c => c.Folders, folders));

        var locked = Link(cut, "Locked");
        Assert.Equal("Locked, unread count not available", Name(locked));
        Assert.Equal("The mail server gave no counts for this folder: Permission denied", locked.GetAttribute("title"));
        Assert.Equal("?", Visible(locked.QuerySelector(".count")!));
        Assert.DoesNotContain("has-unread", locked.ParentElement!.ClassName, StringComparison.Ordinal);
        Assert.Null(Link(cut, "INBOX").GetAttribute("title"));
    }

    private static AngleSharp.Dom.IElement Link(IRenderedComponent<FolderTree> cut, string path) => cut.Find($"li[data-folder='{path}'] a");

    /// <summary>What a screen reader reads: the text without aria-hidden parts, spaces collapsed.</summary>
    private static string Name(AngleSharp.Dom.IElement link)
    {
        var copy = (AngleSharp.Dom.IElement)link.Clone();
        foreach (var hidden in copy.QuerySelectorAll("[aria-hidden=true]").ToList())
        {
            hidden.Remove();
        }

        return System.Text.RegularExpressions.Regex.Replace(copy.TextContent, @"\s+", " ").Trim();
    }

    /// <summary>What is seen: the text without visually hidden parts.</summary>
    private static string Visible(AngleSharp.Dom.IElement element)
    {
        var copy = (AngleSharp.Dom.IElement)element.Clone();
        foreach (var hidden in copy.QuerySelectorAll(".visually-hidden").ToList())
        {
            hidden.Remove();
        }

        return copy.TextContent.Trim();
    }
}
