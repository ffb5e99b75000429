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

        var inbox = cut.Find("a[aria-label='Inbox, 3 unread']");
        Assert.Equal("3", inbox.QuerySelector(".count")?.TextContent);
        Assert.Null(cut.Find("a[aria-label='Sent']").QuerySelector(".count"));
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

        var locked = cut.Find("a[aria-label='Locked, unread count not available']");
        Assert.Equal("The mail server gave no counts for this folder: Permission denied", locked.GetAttribute("title"));
        Assert.Equal("?", locked.QuerySelector(".count")?.TextContent);
        Assert.DoesNotContain("has-unread", locked.ParentElement!.ClassName, StringComparison.Ordinal);
        Assert.Null(cut.Find("a[aria-label='Inbox, 3 unread']").GetAttribute("title"));
    }
}
