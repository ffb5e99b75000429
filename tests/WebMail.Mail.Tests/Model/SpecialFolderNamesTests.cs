using WebMail.Mail.Model;

namespace WebMail.Mail.Tests.Model;

/// <summary>Special folders on servers without SPECIAL-USE are known by the names products and languages give them.</summary>
public sealed class SpecialFolderNamesTests
{
    [Theory]
    [InlineData("Sent", FolderRole.Sent)]
    [InlineData("Sent Items", FolderRole.Sent)]
    [InlineData("Sent Messages", FolderRole.Sent)]
    [InlineData("Gesendet", FolderRole.Sent)]
    [InlineData("Gesendete Elemente", FolderRole.Sent)]
    [InlineData("Envoyés", FolderRole.Sent)]
    [InlineData("Elementos enviados", FolderRole.Sent)]
    [InlineData("Drafts", FolderRole.Drafts)]
    [InlineData("Entwürfe", FolderRole.Drafts)]
    [InlineData("Entwu\u0308rfe", FolderRole.Drafts)]
    [InlineData("Brouillons", FolderRole.Drafts)]
    [InlineData("Trash", FolderRole.Trash)]
    [InlineData("Deleted Items", FolderRole.Trash)]
    [InlineData("Deleted Messages", FolderRole.Trash)]
    [InlineData("Papierkorb", FolderRole.Trash)]
    [InlineData("Corbeille", FolderRole.Trash)]
    [InlineData("Junk", FolderRole.Junk)]
    [InlineData("Spam", FolderRole.Junk)]
    [InlineData("Junk E-mail", FolderRole.Junk)]
    [InlineData("Courrier indésirable", FolderRole.Junk)]
    [InlineData("Archive", FolderRole.Archive)]
    [InlineData("Archiv", FolderRole.Archive)]
    [InlineData("Archives", FolderRole.Archive)]
    [InlineData("SENT ITEMS", FolderRole.Sent)]
    [InlineData("sent_items", FolderRole.Sent)]
    [InlineData("  Junk   E-mail ", FolderRole.Junk)]
    [InlineData("Projects", FolderRole.None)]
    [InlineData("Sentimental", FolderRole.None)]
    [InlineData("Trash 2019", FolderRole.None)]
    [InlineData("", FolderRole.None)]
    public void RoleOf_KnownNamesInCommonLanguages(string name, FolderRole role) =>
        Assert.Equal(role, SpecialFolderNames.RoleOf(name));

    [Fact]
    public void Match_TheUsualEnglishNameOutranksTheProductsOne()
    {
        Assert.True(SpecialFolderNames.Match("Sent").Rank < SpecialFolderNames.Match("Sent Items").Rank);
        Assert.True(SpecialFolderNames.Match("Trash").Rank < SpecialFolderNames.Match("Deleted Items").Rank);
    }

    [Fact]
    public void Order_UnderANamespacePrefix_FoldersRightUnderItAreTopLevel()
    {
        // Courier and older Cyrus: everything lives under "INBOX." and that prefix is not shown.
        var order = FolderOrder.Order(
            [
                new FolderEntry("INBOX", "INBOX", '.', FolderRole.Inbox, 1, 0, true),
                new FolderEntry("INBOX.Archive", "Archive", '.', FolderRole.Archive, 1, 0, true),
                new FolderEntry("INBOX.Projects", "Projects", '.', FolderRole.None, 0, 0, false),
                new FolderEntry("INBOX.Projects.Mobile", "Mobile", '.', FolderRole.None, 3, 1, true),
            ],
            "INBOX.");

        Assert.Equal([("Inbox", 0), ("Archive", 0), ("Projects", 0), ("Mobile", 1)], order.Select(f => (f.Name, f.Depth)));
    }
}
