using Bunit;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>A folder's menu: what it offers for which folder, and how it opens and closes by keyboard.</summary>
public sealed class FolderMenuTests : WebMail.Web.Tests.Components.LocalizedBunitContext
{
    private static readonly FolderInfo Projects = new("Projects", "Projects", 0, FolderRole.None, 3, 1, true);

    private IRenderedComponent<FolderMenu> Menu(FolderInfo folder, bool specialUse = false, List<FolderCommand>? chosen = null) =>
        Render<FolderMenu>(p => p.Add(c => c.Folder, folder).Add(c => c.CanSetSpecialUse, specialUse)
            .Add(c => c.CanMarkAllRead, true).Add(c => c.CanEmpty, true)
            .Add(c => c.OnSelect, command => chosen?.Add(command)));

    private static List<string> Items(IRenderedComponent<FolderMenu> menu) =>
        [.. menu.FindAll("[role=menuitem]").Select(i => i.TextContent)];

    [Fact]
    public void Open_OrdinaryFolder_OffersEveryFolderCommand_AndSaysItIsAMenu()
    {
        var menu = Menu(Projects);
        var button = menu.Find("button[aria-haspopup=menu]");
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Equal("Actions for Projects", button.GetAttribute("aria-label"));

        button.Click();

        Assert.Equal("true", menu.Find("button[aria-haspopup=menu]").GetAttribute("aria-expanded"));
        Assert.Equal(["New subfolder…", "Rename…", "Move to…", "Delete…", "Mark all as read"], Items(menu));
    }

    [Fact]
    public void Open_InboxAndTrash_CannotBeRenamedMovedOrDeleted_TrashCanBeEmptied()
    {
        var inbox = Menu(new("INBOX", "Inbox", 0, FolderRole.Inbox, 3, 1, true), specialUse: true);
        inbox.Find("button[aria-haspopup=menu]").Click();
        Assert.Equal(["New subfolder…", "Mark all as read"], Items(inbox));

        var trash = Menu(new("Trash", "Trash", 0, FolderRole.Trash, 3, 0, true), specialUse: true);
        trash.Find("button[aria-haspopup=menu]").Click();
        Assert.Equal(["New subfolder…", "Mark all as read", "Empty Trash…", "Use as…"], Items(trash));
    }

    [Fact]
    public void Keys_EscapeClosesTheMenu_AChoiceIsToldAndCloses()
    {
        var chosen = new List<FolderCommand>();
        var menu = Menu(Projects, chosen: chosen);
        menu.Find("button[aria-haspopup=menu]").Click();
        menu.Find(".folder-menu").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(menu.FindAll("[role=menu]"));

        menu.Find("button[aria-haspopup=menu]").Click();
        menu.FindAll("[role=menuitem]").Single(i => i.TextContent == "Delete…").Click();
        Assert.Equal([FolderCommand.Delete], chosen);
        Assert.Empty(menu.FindAll("[role=menu]"));
    }

    [Theory]
    [InlineData(1234, 2, "Delete “X” and its 2 subfolders with 1,234 messages? This cannot be undone.")]
    [InlineData(1, 1, "Delete “X” and its subfolder with 1 message? This cannot be undone.")]
    [InlineData(0, 0, "Delete “X”? This cannot be undone.")]
    public void DeleteQuestion_SaysWhatGoes(int messages, int folders, string expected) =>
        Assert.Equal(expected, FolderTree.DeleteQuestion("X", messages, folders, WebMail.Web.Tests.Localization.CultureScope.Localizer));
}
