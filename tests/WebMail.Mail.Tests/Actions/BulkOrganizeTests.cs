using MailKit;
using MailKit.Search;
using WebMail.Mail.Actions;
using WebMail.Mail.Model;
using WebMail.Testing;
using static WebMail.Mail.Tests.Actions.ServerMailbox;

namespace WebMail.Mail.Tests.Actions;

/// <summary>Spam and not spam, archive (made when missing, per year), labels in rows, emptying Trash.</summary>
public sealed class BulkOrganizeTests
{
    [Fact]
    public async Task SpamThenNotSpam_MovesAndSetsTheJunkKeywords_AndUndoTakesThemOff()
    {
        var user = MailStack.NewUser("bspam");
        await AppendAsync(user, "INBOX", [Letter("offer 1"), Letter("offer 2")]);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var bulk = lease.Session.Bulk;
        var inbox = MessageSelection.All(new ListQuery("INBOX"));

        var spam = await bulk.SetSpamAsync(inbox, true);
        Assert.Equal("Marked 2 messages as spam", spam.Description);
        var junk = await RowsAsync(lease.Session, "Junk");
        Assert.Equal(2, junk.Count);
        Assert.All(junk, r => Assert.Contains("$Junk", r.Keywords));

        await bulk.UndoAsync(spam);
        Assert.All(await RowsAsync(lease.Session, "INBOX"), r => Assert.DoesNotContain("$Junk", r.Keywords));
        Assert.Empty(await RowsAsync(lease.Session, "Junk"));

        await bulk.SetSpamAsync(inbox, true);
        var notSpam = await bulk.SetSpamAsync(MessageSelection.All(new ListQuery("Junk")), false);
        Assert.Equal("Marked 2 messages as not spam", notSpam.Description);
        var back = await RowsAsync(lease.Session, "INBOX");
        Assert.Equal(2, back.Count);
        Assert.All(back, r => Assert.Contains("$NotJunk", r.Keywords));
        Assert.All(back, r => Assert.DoesNotContain("$Junk", r.Keywords));
    }

    [Theory]
    [InlineData(MailStack.Host)]
    [InlineData(MailStack.BasicOrganizeHost)]
    public async Task SpamThenUndo_PutsNotJunkBackOnTheMessageThatHadIt(string server)
    {
        var user = MailStack.NewUser("bnotj");
        await AppendAsync(user, "INBOX", [Letter("trusted")], MessageFlags.None, "$NotJunk");
        await AppendAsync(user, "INBOX", [Letter("plain")]);
        await using var host = new MailTestHost(host: server);
        using var lease = host.Pool.Lease(user);

        var spam = await lease.Session.Bulk.SetSpamAsync(MessageSelection.All(new ListQuery("INBOX")), true);
        Assert.All(await RowsAsync(lease.Session, "Junk"), r => Assert.DoesNotContain("$NotJunk", r.Keywords));
        await AppendAsync(user, "Junk", [Letter("real spam")], MessageFlags.None, "$Junk");
        var undone = await lease.Session.Bulk.UndoAsync(spam);

        Assert.Equal("Moved 2 messages back to Inbox", undone.Description);
        var rows = await RowsAsync(lease.Session, "INBOX");
        Assert.Equal(["$NotJunk"], rows.Single(r => r.Subject == "trusted").Keywords.Where(k => k.EndsWith("Junk", StringComparison.Ordinal)));
        Assert.DoesNotContain(rows.Single(r => r.Subject == "plain").Keywords, k => k.EndsWith("Junk", StringComparison.Ordinal));
        Assert.Equal(["real spam"], await SubjectsAsync(user, "Junk"));
    }

    [Theory]
    [InlineData(MailStack.Host)]
    [InlineData(MailStack.BasicOrganizeHost)]
    public async Task Archive_WithoutAnArchiveFolder_CreatesItAndTheFolderListShowsIt(string server)
    {
        var user = MailStack.NewUserWithoutSpecialUse();
        await AppendAsync(user, "INBOX", [Letter("keep 1"), Letter("keep 2")]);
        await using var host = new MailTestHost(host: server);
        using var lease = host.Pool.Lease(user);
        lease.Session.StartWatching();
        Assert.DoesNotContain(await lease.Session.View.GetFoldersAsync(), f => f.Role == FolderRole.Archive);

        var receipt = await lease.Session.Bulk.ArchiveAsync(MessageSelection.All(new ListQuery("INBOX")));

        Assert.Equal(("Archived 2 messages", "Archive"), (receipt.Description, receipt.TargetFolder));
        Assert.Equal(["keep 1", "keep 2"], await SubjectsAsync(user, "Archive"));
        await Until.TrueAsync(() => lease.Session.View.Folders.Any(f => f is { Path: "Archive", Role: FolderRole.Archive }), "the folder list shows the new archive");
        Assert.Equal("Archive", (await lease.Session.Bulk.ArchiveAsync(MessageSelection.All(new ListQuery("INBOX")))).TargetFolder);
    }

    [Fact]
    public async Task ArchivePerYear_PutsEachMessageInItsYearsFolder_AndUndoBringsThemBack()
    {
        var user = MailStack.NewUser("byear");
        await AppendAsync(user, "INBOX",
        [
            Letter("from 2023", new DateTimeOffset(2023, 6, 1, 12, 0, 0, TimeSpan.Zero)),
            Letter("from 2025", new DateTimeOffset(2025, 12, 31, 12, 0, 0, TimeSpan.Zero)),
            Letter("also 2025", new DateTimeOffset(2025, 1, 2, 12, 0, 0, TimeSpan.Zero)),
        ]);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);

        var receipt = await lease.Session.Bulk.ArchiveAsync(MessageSelection.All(new ListQuery("INBOX")), perYear: true);

        Assert.Equal(3, receipt.Count);
        Assert.Equal(["from 2023"], await SubjectsAsync(user, "Archive/2023"));
        Assert.Equal(["also 2025", "from 2025"], await SubjectsAsync(user, "Archive/2025"));
        var undone = await lease.Session.Bulk.UndoAsync(receipt);
        Assert.Equal("Moved 3 messages back to Inbox", undone.Description);
        Assert.Equal(["also 2025", "from 2023", "from 2025"], await SubjectsAsync(user, "INBOX"));
    }

    [Fact]
    public async Task Label_ShowsInTheRowsEveryTabRendersFrom_AndUndoRemovesIt()
    {
        var user = MailStack.NewUser("blabel");
        await AppendAsync(user, "INBOX", [Letter("a"), Letter("b"), Letter("c")]);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var view = lease.Session.View;
        lease.Session.StartWatching();
        var rows = (await view.GetPageAsync("INBOX", 0, 10)).Rows;
        Assert.True(await lease.Session.Bulk.CanLabelAsync("INBOX"));

        var receipt = await lease.Session.Bulk.SetKeywordAsync(MessageSelection.Of([.. rows.Where(r => r.Subject != "b").Select(r => r.Id)]), "$label1", true);

        Assert.Equal("Labelled 2 messages as $label1", receipt.Description);
        await Until.TrueAsync(() => view.GetPageAsync("INBOX", 0, 10).Result.Rows.Count(r => r.Keywords.Contains("$label1")) == 2, "the view's rows show the label");
        Assert.Equal(["a", "c"], await SubjectsMatchingAsync(user, "INBOX", SearchQuery.HasKeyword("$label1")));
        await lease.Session.Bulk.UndoAsync(receipt);
        await Until.TrueAsync(() => view.GetPageAsync("INBOX", 0, 10).Result.Rows.All(r => !r.Keywords.Contains("$label1")), "the view's rows lose the label");
        Assert.Empty(await SubjectsMatchingAsync(user, "INBOX", SearchQuery.HasKeyword("$label1")));
    }

    [Fact]
    public async Task EmptyFolder_EmptiesTrash_AndRefusesAnyOtherFolder()
    {
        var user = MailStack.NewUser("bempty");
        await AppendAsync(user, "Trash", [Letter("x"), Letter("y"), Letter("z")]);
        await AppendAsync(user, "INBOX", [Letter("keep")], MessageFlags.Seen);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => lease.Session.Bulk.EmptyFolderAsync("INBOX"));
        Assert.Equal("Only the Trash and Junk folders can be emptied, not Inbox.", refused.Message);
        Assert.Equal(3, await lease.Session.Bulk.EmptyFolderAsync("Trash"));
        Assert.Equal((0, 0), await CountAsync(user, "Trash", SearchQuery.All));
        Assert.Equal((1, 1), await CountAsync(user, "INBOX", SearchQuery.All));
    }
}
