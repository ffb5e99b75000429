using WebMail.Mail.Model;

namespace WebMail.Mail.Tests.Model;

public sealed class FolderOrderTests
{
    [Fact]
    public void Order_MixedFolders_InboxAndSpecialUseFirstChildrenUnderParents()
    {
        var entries = new[]
        {
            Entry("Zeta"), Entry("Trash", FolderRole.Trash), Entry("Projects"), Entry("Projects/Website"),
            Entry("Sent", FolderRole.Sent), Entry("INBOX", FolderRole.Inbox), Entry("Archive", FolderRole.Archive),
            Entry("Drafts", FolderRole.Drafts), Entry("Junk", FolderRole.Junk), Entry("Projects/Api"),
        };

        var ordered = FolderOrder.Order(entries);

        Assert.Equal(["INBOX", "Drafts", "Sent", "Archive", "Junk", "Trash", "Projects", "Projects/Api", "Projects/Website", "Zeta"], ordered.Select(f => f.Path));
        Assert.Equal("Inbox", ordered[0].Name);
        Assert.Equal(1, ordered.Single(f => f.Path == "Projects/Website").Depth);
    }

    [Fact]
    public void Order_ChildWithoutListedParent_ShownAtTopLevel()
    {
        var ordered = FolderOrder.Order([Entry("Lost/Child")]);

        Assert.Equal(0, ordered.Single().Depth);
    }

    private static FolderEntry Entry(string path, FolderRole role = FolderRole.None) =>
        new(path, path.Split('/')[^1], '/', role, 0, 0, true);
}
