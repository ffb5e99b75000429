using System.Collections.Concurrent;
using MailKit;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sessions;

/// <summary>The session watches the server between commands (IDLE) and reports what other clients and deliveries did.</summary>
public sealed class WatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Watch_MessageDeliveredThroughPostfix_RaisesNewMessage()
    {
        await using var host = new MailTestHost();
        var user = MailStack.NewUser("watch");
        using var lease = host.Pool.Lease(user);
        var changes = Record(lease.Session);
        await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);

        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Pushed to the session"), user);

        var change = await WaitForAsync(changes, c => c.NewMessages.Count > 0);
        Assert.Equal("INBOX", change.Folder);
        Assert.Equal("Pushed to the session", Assert.Single(change.NewMessages).Subject);
        Assert.Equal(1, change.Total);
    }

    [Fact]
    public async Task Watch_IdleRearmSecondsSet_IdleIsLeftAndReenteredThatOften()
    {
        // What servers that look for new mail only on their own timer during IDLE (Courier, UW, Cyrus) need.
        var log = new CommandLog();
        await using var host = new MailTestHost(protocolLogger: () => log, idleRearmSeconds: 5);
        var user = MailStack.NewUser("rearm");
        using var lease = host.Pool.Lease(user);
        Record(lease.Session);
        await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);

        // IDLE followed by IDLE: left (DONE, untagged) and re-entered with nothing else to do in between. With the
        // default (9 minutes) that never happens within the test; a change or a command always comes between.
        await Until.TrueAsync(() => log.Commands.Zip(log.Commands.Skip(1)).Any(p => p is ("IDLE", "IDLE")), "IDLE re-entered by itself", seconds: 30,
            detail: () => string.Join(", ", log.Commands));
    }

    [Fact]
    public async Task Watch_FlagSetByAnotherClient_RaisesFlagChange()
    {
        await using var host = new MailTestHost();
        var user = MailStack.NewUser("watch");
        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Flag me elsewhere"), user);
        await MailStack.WaitForInboxAsync(user, 1);
        using var lease = host.Pool.Lease(user);
        var changes = Record(lease.Session);
        var id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single().Id;

        using (var phone = await MailStack.ConnectAsync(user))
        {
            await phone.Inbox.OpenAsync(FolderAccess.ReadWrite);
            await phone.Inbox.StoreAsync(new UniqueId(id.UidValidity, id.Uid), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Flagged) { Silent = true });
        }

        var change = await WaitForAsync(changes, c => c.FlagChanges.Count > 0);
        var flag = Assert.Single(change.FlagChanges);
        Assert.Equal(id, flag.Id);
        Assert.True(flag.Flagged);
    }

    [Fact]
    public async Task Watch_MessageDeletedByAnotherClient_RaisesExpungeWithUid()
    {
        await using var host = new MailTestHost();
        var user = MailStack.NewUser("watch");
        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Delete me elsewhere"), user);
        await MailStack.WaitForInboxAsync(user, 1);
        using var lease = host.Pool.Lease(user);
        var changes = Record(lease.Session);
        var id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single().Id;

        using (var phone = await MailStack.ConnectAsync(user))
        {
            await phone.Inbox.OpenAsync(FolderAccess.ReadWrite);
            var uid = new UniqueId(id.UidValidity, id.Uid);
            await phone.Inbox.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true });
            await phone.Inbox.ExpungeAsync();
        }

        var change = await WaitForAsync(changes, c => c.Expunged);
        Assert.Equal(0, change.Total);
        Assert.Equal([id.Uid], change.ExpungedUids);
    }

    [Fact]
    public async Task Watch_OtherFolderSelected_InboxDeliveryReportsNewCountsPromptly()
    {
        await using var host = new MailTestHost();
        var user = MailStack.NewUser("notify");
        using var lease = host.Pool.Lease(user);
        var changes = Record(lease.Session);
        await lease.Session.Messages.GetMessagesAsync("Sent", 0, 10);
        await Task.Delay(300);
        var started = DateTime.UtcNow;

        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("While reading Sent"), user);

        // NOTIFY (RFC 5465) reports the inbox's new count while Sent is selected, well before STATUS polling would.
        var change = await WaitForAsync(changes, c => c.Folder == "INBOX" && c.CountsOnly);
        Assert.Equal(1, change.Total);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the inbox change came by polling, not NOTIFY");
    }

    [Fact]
    public async Task Watch_ConnectionKilled_ResyncReportsExactlyWhatHappenedMeanwhile()
    {
        await using var host = new MailTestHost();
        var user = MailStack.NewUser("resync");
        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Before the outage"), user);
        await MailStack.WaitForInboxAsync(user, 1);
        using var lease = host.Pool.Lease(user);
        var changes = Record(lease.Session);
        var states = new ConcurrentQueue<ConnectionState>();
        lease.Session.Connection.StatusChanged += status => states.Enqueue(status.State);
        var before = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single().Id;
        await Task.Delay(200);

        // The server drops the session; meanwhile another client delivers three messages and reads the old one.
        await MailStack.DoveadmAsync("kick", user);
        using (var other = await MailStack.ConnectAsync(user))
        {
            foreach (var subject in new[] { "During 1", "During 2", "During 3" })
            {
                await other.Inbox.AppendAsync(new AppendRequest(ImapSessionPoolTests.Message(subject)));
            }

            await other.Inbox.OpenAsync(FolderAccess.ReadWrite);
            await other.Inbox.StoreAsync(new UniqueId(before.UidValidity, before.Uid), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true });
        }

        await WaitForAsync(changes, _ => changes.SelectMany(c => c.NewMessages).Count() >= 3);
        await Task.Delay(1000);

        var arrived = changes.SelectMany(c => c.NewMessages).Select(m => m.Subject).Order().ToList();
        Assert.Equal(["During 1", "During 2", "During 3"], arrived);
        Assert.Contains(changes.SelectMany(c => c.FlagChanges), f => f.Id == before && f.Seen);
        Assert.Contains(ConnectionState.Reconnecting, states);
        Assert.Equal(ConnectionState.Connected, states.Last());
        Assert.Equal(4, (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Total);
    }

    private static ConcurrentQueue<MailboxChange> Record(WebMail.Mail.Sessions.UserMailSession session)
    {
        var changes = new ConcurrentQueue<MailboxChange>();
        session.View.Subscribe(changes.Enqueue);
        session.StartWatching();
        return changes;
    }

    private static async Task<MailboxChange> WaitForAsync(ConcurrentQueue<MailboxChange> changes, Func<MailboxChange, bool> predicate)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (changes.FirstOrDefault(predicate) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "the session reported no such change in time");
            await Task.Delay(50);
        }
    }
}
