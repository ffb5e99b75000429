using MailKit.Search;
using WebMail.Mail.Actions;
using WebMail.Mail.Model;
using WebMail.Testing;
using static WebMail.Mail.Tests.Actions.ServerMailbox;

namespace WebMail.Mail.Tests.Actions;

/// <summary>Undo while mail keeps arriving, on the full Dovecot (MOVE, UIDPLUS) and on one without MOVE and UIDPLUS.</summary>
public sealed class BulkUndoTests
{
    [Theory]
    [InlineData(MailStack.Host)]
    [InlineData(MailStack.BasicOrganizeHost)]
    public async Task MoveThenUndo_WithMailArrivingInBothFolders_OnlyTheMovedMessagesGoBack(string server)
    {
        var user = MailStack.NewUser("bmove");
        await AppendAsync(user, "INBOX", Enumerable.Range(1, 8).Select(i => Letter($"old {i}")));
        var log = new CommandLog();
        await using var host = new MailTestHost(host: server, protocolLogger: () => log);
        using var lease = host.Pool.Lease(user);
        var rows = await RowsAsync(lease.Session, "INBOX");
        var chosen = rows.Where(r => r.Subject is "old 2" or "old 4" or "old 6").Select(r => r.Id).ToArray();

        var receipt = await lease.Session.Bulk.MoveAsync(MessageSelection.Of(chosen), "Archive");
        Assert.Equal("Moved 3 messages to Archive", receipt.Description);
        Assert.Equal(new ReceiptWords(ReceiptKind.Moved, 3, "Archive"), receipt.Words);
        Assert.True(receipt.CanUndo);
        Assert.Equal(["old 2", "old 4", "old 6"], await SubjectsAsync(user, "Archive"));
        // The full server answers MOVE with COPYUID; the trimmed one copies, and undo finds the copies by Message-ID.
        var basic = server == MailStack.BasicOrganizeHost;
        // (MailKit copies by sequence numbers there, found by one SEARCH in the same turn, so they cannot shift.)
        Assert.Equal(basic ? "COPY" : "UID MOVE", Assert.Single(log.Commands, c => c is "UID MOVE" or "MOVE" or "UID COPY" or "COPY"));
        Assert.Equal(basic, receipt.Steps.OfType<MovedStep>().Single().TargetUids.Length == 0);

        await AppendAsync(user, "Archive", [Letter("new in archive")]);
        await MailStack.DeliverAsync(Letter("new in inbox"), user);
        await MailStack.WaitForInboxAsync(user, 6);
        var undone = await lease.Session.Bulk.UndoAsync(receipt);

        Assert.Equal((3, 0), (undone.Restored, undone.Missing));
        Assert.Equal("Moved 3 messages back to Inbox", undone.Description);
        Assert.Equal(new ReceiptWords(ReceiptKind.MovedBack, 3, "INBOX"), undone.Words);
        Assert.Equal(["new in archive"], await SubjectsAsync(user, "Archive"));
        Assert.Equal(["new in inbox", .. Enumerable.Range(1, 8).Select(i => $"old {i}")], await SubjectsAsync(user, "INBOX"));
        Assert.False(receipt.CanUndo);
    }

    [Theory]
    [InlineData(MailStack.Host)]
    [InlineData(MailStack.BasicOrganizeHost)]
    public async Task DeleteThenUndo_WithMailArrivingInTrash_RestoresOnlyTheDeletedAndCountsTheOnesGone(string server)
    {
        var user = MailStack.NewUser("bdel");
        await AppendAsync(user, "INBOX", Enumerable.Range(1, 5).Select(i => Letter($"old {i}")));
        await using var host = new MailTestHost(host: server);
        using var lease = host.Pool.Lease(user);
        var chosen = (await RowsAsync(lease.Session, "INBOX")).Where(r => r.Subject != "old 1").Select(r => r.Id).ToArray();

        var receipt = await lease.Session.Bulk.DeleteAsync(MessageSelection.Of(chosen));
        Assert.Equal("Moved 4 messages to Trash", receipt.Description);
        Assert.Equal("Trash", receipt.TargetFolder);

        // Meanwhile: new mail in Trash, and one of the deleted messages deleted for good by another client.
        await AppendAsync(user, "Trash", [Letter("other trash")]);
        var inTrash = await RowsAsync(lease.Session, "Trash");
        var purged = await lease.Session.Bulk.DeleteAsync(MessageSelection.Of(inTrash.Single(r => r.Subject == "old 5").Id));
        Assert.Equal("Deleted 1 message for good", purged.Description);
        Assert.False(purged.CanUndo);

        var undone = await lease.Session.Bulk.UndoAsync(receipt);

        Assert.Equal((3, 1), (undone.Restored, undone.Missing));
        Assert.Equal(["other trash"], await SubjectsAsync(user, "Trash"));
        Assert.Equal(["old 1", "old 2", "old 3", "old 4"], await SubjectsAsync(user, "INBOX"));
    }

    [Theory]
    [InlineData(MailStack.Host)]
    [InlineData(MailStack.BasicOrganizeHost)]
    public async Task MarkUnreadThenUndo_PutsBackOnlyTheMessagesItChanged(string server)
    {
        var user = MailStack.NewUser("bflag");
        await AppendAsync(user, "INBOX", Enumerable.Range(1, 4).Select(i => Letter($"read {i}")), MailKit.MessageFlags.Seen);
        await AppendAsync(user, "INBOX", [Letter("unread before")]);
        await using var host = new MailTestHost(host: server);
        using var lease = host.Pool.Lease(user);
        var all = await RowsAsync(lease.Session, "INBOX");

        var receipt = await lease.Session.Bulk.SetSeenAsync(MessageSelection.Of([.. all.Where(r => r.Subject != "read 4").Select(r => r.Id)]), false);
        Assert.Equal("Marked 4 messages as unread", receipt.Description);
        await MailStack.DeliverAsync(Letter("arrived unread"), user);
        await MailStack.WaitForInboxAsync(user, 6);
        var undone = await lease.Session.Bulk.UndoAsync(receipt);

        // Three were read before the action: only they are read again; the one unread before and the new mail stay unread.
        Assert.Equal((3, 0), (undone.Restored, undone.Missing));
        Assert.Equal("Marked 3 messages as read", undone.Description);
        Assert.Equal(["arrived unread", "unread before"], await SubjectsMatchingAsync(user, "INBOX", SearchQuery.NotSeen));
    }

    [Theory]
    [InlineData(MailStack.Host)]
    [InlineData(MailStack.BasicOrganizeHost)]
    public async Task MarkAllReadThenUndo_MarksUnreadExactlyTheOnesThatWere(string server)
    {
        var user = MailStack.NewUser("ball");
        await AppendAsync(user, "INBOX", Enumerable.Range(1, 3).Select(i => Letter($"read {i}")), MailKit.MessageFlags.Seen);
        await AppendAsync(user, "INBOX", Enumerable.Range(1, 2).Select(i => Letter($"unread {i}")));
        await using var host = new MailTestHost(host: server);
        using var lease = host.Pool.Lease(user);

        var receipt = await lease.Session.Bulk.MarkAllReadAsync("INBOX");
        Assert.Equal("Marked 2 messages as read", receipt.Description);
        Assert.Equal((5, 0), await CountAsync(user, "INBOX", SearchQuery.NotSeen));
        await MailStack.DeliverAsync(Letter("arrived after"), user);
        await MailStack.WaitForInboxAsync(user, 6);
        var undone = await lease.Session.Bulk.UndoAsync(receipt);

        Assert.Equal(2, undone.Restored);
        Assert.Equal(["arrived after", "unread 1", "unread 2"], await SubjectsMatchingAsync(user, "INBOX", SearchQuery.NotSeen));
    }

    [Fact]
    public async Task Move_FromAFolderDeletedUnderneath_MovesTheRestAndSaysHowManyFailed()
    {
        var user = MailStack.NewUser("bfail");
        await AppendAsync(user, "INBOX", Enumerable.Range(1, 3).Select(i => Letter($"inbox {i}")));
        await AppendAsync(user, "Projects", Enumerable.Range(1, 2).Select(i => Letter($"project {i}")));
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var chosen = (await RowsAsync(lease.Session, "INBOX")).Concat(await RowsAsync(lease.Session, "Projects")).Select(r => r.Id).ToArray();
        await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1);
        await DeleteFolderAsync(user, "Projects");
        var progress = new List<BulkProgress>();

        var receipt = await lease.Session.Bulk.MoveAsync(MessageSelection.Of(chosen), "Archive", new SyncProgress(progress));

        Assert.Equal((3, 2), (receipt.Count, receipt.Failed));
        Assert.StartsWith("2 of 5 messages could not be moved: ", receipt.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(["inbox 1", "inbox 2", "inbox 3"], await SubjectsAsync(user, "Archive"));
        Assert.Equal(new BulkProgress(5, 5), progress[^1]);
        Assert.True(receipt.CanUndo);
    }

    [Fact]
    public async Task Move_ToAFolderThatIsNotThere_MovesNothingAndSaysWhy()
    {
        var user = MailStack.NewUser("bnone");
        await AppendAsync(user, "INBOX", [Letter("stay 1"), Letter("stay 2")]);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);

        var receipt = await lease.Session.Bulk.MoveAsync(MessageSelection.All(new ListQuery("INBOX")), "Nowhere");

        Assert.Equal(("No messages were moved", 0, 2, false), (receipt.Description, receipt.Count, receipt.Failed, receipt.CanUndo));
        Assert.StartsWith("2 of 2 messages could not be moved: ", receipt.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Nowhere", receipt.FailureMessage, StringComparison.Ordinal);
        Assert.Equal((ReceiptKind.NoneMoved, 2, 2, ReceiptVerb.Moved), (receipt.Words.Kind, receipt.Failure!.Failed, receipt.Failure.Total, receipt.Failure.Verb));
        Assert.Equal(["stay 1", "stay 2"], await SubjectsAsync(user, "INBOX"));
    }

    /// <summary>Records progress as reported (Progress&lt;T&gt; would post it later, on the thread pool).</summary>
    internal sealed class SyncProgress(List<BulkProgress> into) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
