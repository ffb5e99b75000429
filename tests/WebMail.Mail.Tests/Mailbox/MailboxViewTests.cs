using System.Collections.Concurrent;
using MailKit;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Mail.Tests.Sessions;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Mailbox;

/// <summary>
/// One mailbox view per user: the watcher applies each change once, every tab (subscriber) is told, and the rows
/// and counts the tabs then read come from the view, not from IMAP again.
/// </summary>
public sealed class MailboxViewTests
{
    [Fact]
    public async Task NewMessage_FiveTabs_EachToldOnceAndTheNewRowIsServedWithoutAskingImapAgain()
    {
        var user = MailStack.NewUser("view");
        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Already there"), user);
        await MailStack.WaitForInboxAsync(user, 1);
        var log = new CommandLog();
        await using var host = new MailTestHost(protocolLogger: () => log);
        using var lease = host.Pool.Lease(user);
        var session = lease.Session;
        var tabs = Enumerable.Range(0, 5).Select(_ => new ConcurrentQueue<MailboxChange>()).ToList();
        var subscriptions = tabs.Select(tab => session.View.Subscribe(tab.Enqueue)).ToList();
        session.StartWatching();
        await session.View.GetFoldersAsync();
        await session.View.GetPageAsync("INBOX", 0, 20);
        await Until.TrueAsync(() => log.Commands.LastOrDefault() == "IDLE", "the session idles", detail: () => string.Join(",", log.Commands));
        var mark = log.Count;

        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Fresh news"), user);
        await Until.TrueAsync(() => tabs.All(t => t.Any(c => c.NewMessages.Count > 0)), "every tab is told of the new message");
        foreach (var tab in tabs)
        {
            Assert.Equal("Fresh news", Assert.Single(tab.SelectMany(c => c.NewMessages)).Subject);
        }

        // Every tab now re-reads its rows and the folder list: all from the view.
        foreach (var _ in tabs)
        {
            var page = await session.View.GetPageAsync("INBOX", 0, 20);
            Assert.Equal(["Fresh news", "Already there"], page.Rows.Select(r => r.Subject));
            Assert.Equal(2, page.Total);
            var inbox = (await session.View.GetFoldersAsync()).Single(f => f.Path == "INBOX");
            Assert.Equal((2, 2), (inbox.Total, inbox.Unread));
        }

        await Until.TrueAsync(() => log.Commands.LastOrDefault() == "IDLE", "the session idles again");
        var spent = log.Since(mark);
        Assert.True(spent.Count <= 3, $"the new message cost {spent.Count} IMAP commands: {string.Join(", ", spent)}");
        Assert.DoesNotContain("LIST", spent);
        subscriptions.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task NewMessageMarkedElsewhere_NoFetchByIndexAndTheServersAttachmentMarkWakesNobody()
    {
        // Dovecot sends flag changes without a UID to a session without QRESYNC; for a row just fetched, the watcher
        // knows it by its index. Its own $HasAttachment marks (added once it parsed the message) change nothing shown.
        var user = MailStack.NewUser("view");
        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Already there"), user);
        await MailStack.WaitForInboxAsync(user, 1);
        var log = new CommandLog();
        await using var host = new MailTestHost(protocolLogger: () => log);
        using var lease = host.Pool.Lease(user);
        var session = lease.Session;
        var tab = new ConcurrentQueue<MailboxChange>();
        using var subscription = session.View.Subscribe(tab.Enqueue);
        session.StartWatching();
        await session.View.GetFoldersAsync();
        await session.View.GetPageAsync("INBOX", 0, 20);
        await Until.TrueAsync(() => log.Commands.LastOrDefault() == "IDLE", "the session idles");
        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Fresh news"), user);
        await Until.TrueAsync(() => tab.Any(c => c.NewMessages.Count > 0), "the tab is told of the new message");
        var fresh = tab.SelectMany(c => c.NewMessages).Single();
        await Until.TrueAsync(() => log.Commands.LastOrDefault() == "IDLE", "the session idles again", detail: () => string.Join(",", log.Commands));
        var mark = log.Count;

        using (var phone = await MailStack.ConnectAsync(user))
        {
            await phone.Inbox.OpenAsync(FolderAccess.ReadWrite);
            var uid = new UniqueId(fresh.Id.UidValidity, fresh.Id.Uid);
            await phone.Inbox.AddFlagsAsync(uid, MessageFlags.None, new HashSet<string> { "$HasAttachment" }, true);
            await Until.TrueAsync(() => log.ServerFetches.Any(l => l.Contains("$HasAttachment", StringComparison.Ordinal)), "the server tells the session of the mark");
            await phone.Inbox.AddFlagsAsync(uid, MessageFlags.Seen, true);
        }

        await Until.TrueAsync(() => tab.SelectMany(c => c.FlagChanges).Any(f => f.Id == fresh.Id && f.Seen), "the tab hears the new message was read", detail: () => string.Join(",", log.Commands) + " | " + string.Join(" | ", log.ServerFetches));
        Assert.True((await session.View.GetPageAsync("INBOX", 0, 20)).Rows.Single(r => r.Id == fresh.Id).Seen);
        await Until.TrueAsync(() => log.Commands.LastOrDefault() == "IDLE", "the session idles after the change");
        var spent = log.Since(mark);
        Assert.True(spent.SequenceEqual(["IDLE"]), $"one read elsewhere cost {string.Join(", ", spent)}; one IDLE again was expected. Server: {string.Join(" | ", log.ServerFetches)}");
    }

    [Fact]
    public async Task LabelThenReadElsewhere_TheTabHearsBothChanges()
    {
        var user = MailStack.NewUser("view");
        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Older one"), user);
        await MailStack.WaitForInboxAsync(user, 1);
        var log = new CommandLog();
        await using var host = new MailTestHost(protocolLogger: () => log);
        using var lease = host.Pool.Lease(user);
        var session = lease.Session;
        var tab = new ConcurrentQueue<MailboxChange>();
        using var subscription = session.View.Subscribe(tab.Enqueue);
        session.StartWatching();
        await session.View.GetFoldersAsync();
        var row = Assert.Single((await session.View.GetPageAsync("INBOX", 0, 20)).Rows);
        await Until.TrueAsync(() => log.Commands.LastOrDefault() == "IDLE", "the session idles");

        using (var phone = await MailStack.ConnectAsync(user))
        {
            await phone.Inbox.OpenAsync(FolderAccess.ReadWrite);
            var uid = new UniqueId(row.Id.UidValidity, row.Id.Uid);
            await phone.Inbox.AddFlagsAsync(uid, MessageFlags.None, new HashSet<string> { "$label1" }, true);
            await Until.TrueAsync(() => tab.SelectMany(c => c.FlagChanges).Any(f => f.Id == row.Id && f.Keywords?.Contains("$label1") == true), "the tab hears of the label");
            await phone.Inbox.AddFlagsAsync(uid, MessageFlags.Seen, true);
        }

        await Until.TrueAsync(
            () => tab.SelectMany(c => c.FlagChanges).Any(f => f.Id == row.Id && f.Seen),
            "the tab hears the message was read",
            detail: () => log.Trace);
        var after = (await session.View.GetPageAsync("INBOX", 0, 20)).Rows.Single();
        Assert.True(after.Seen);
        Assert.Contains("$label1", after.Keywords);
    }

    [Fact]
    public async Task FlagsAndExpungesElsewhere_CachedRowsAndCountsFollow()
    {
        var user = MailStack.NewUser("view");
        using (var client = await MailStack.ConnectAsync(user))
        {
            foreach (var subject in new[] { "One", "Two", "Three", "Four" })
            {
                await client.Inbox.AppendAsync(ImapSessionPoolTests.Message(subject));
            }
        }

        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var view = lease.Session.View;
        var changes = new ConcurrentQueue<MailboxChange>();
        using var subscription = view.Subscribe(changes.Enqueue);
        lease.Session.StartWatching();
        await view.GetFoldersAsync();
        var rows = (await view.GetPageAsync("INBOX", 0, 10)).Rows;
        Assert.Equal(["Four", "Three", "Two", "One"], rows.Select(r => r.Subject));

        // A phone reads "Three" and deletes "Two".
        using (var phone = await MailStack.ConnectAsync(user))
        {
            await phone.Inbox.OpenAsync(FolderAccess.ReadWrite);
            var three = rows.Single(r => r.Subject == "Three").Id;
            var two = rows.Single(r => r.Subject == "Two").Id;
            await phone.Inbox.AddFlagsAsync(new UniqueId(three.UidValidity, three.Uid), MessageFlags.Seen, true);
            await phone.Inbox.AddFlagsAsync(new UniqueId(two.UidValidity, two.Uid), MessageFlags.Deleted, true);
            await phone.Inbox.ExpungeAsync();
        }

        await Until.TrueAsync(() => changes.Any(c => c.Expunged) && changes.Any(c => c.FlagChanges.Count > 0), "the view hears of both");
        var after = await view.GetPageAsync("INBOX", 0, 10);
        Assert.Equal(["Four", "Three", "One"], after.Rows.Select(r => r.Subject));
        Assert.True(after.Rows.Single(r => r.Subject == "Three").Seen);

        // Counts follow at once when the changed rows are cached, else after one re-read of the folder list (~0.3 s).
        (int, int) Counts() => view.Folders.Single(f => f.Path == "INBOX") is var inbox ? (inbox.Total, inbox.Unread) : default;
        await Until.TrueAsync(() => Counts() == (3, 2), "the inbox counts 3 messages, 2 unread", detail: () => Counts().ToString());
    }

    [Fact]
    public async Task ReadThenAnotherFolderOpened_TheInboxUnreadCountStillFollows()
    {
        // The server's echo of "read" is collected after the next command selected another folder: the change then
        // knows no total for the inbox, but its unread count must still be kept (it stayed at 1 in Chromium).
        var user = MailStack.NewUser("view");
        using (var client = await MailStack.ConnectAsync(user))
        {
            await client.Inbox.AppendAsync(ImapSessionPoolTests.Message("Unread one"));
        }

        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var view = lease.Session.View;
        lease.Session.StartWatching();
        await view.GetFoldersAsync();
        var row = Assert.Single((await view.GetPageAsync("INBOX", 0, 10)).Rows);
        Assert.Equal(1, view.Folders.Single(f => f.Path == "INBOX").Unread);

        var read = lease.Session.Actions.SetSeenAsync(row.Id, true);
        var other = lease.Session.Messages.GetMessagesAsync("Trash", 0, 10);
        await Task.WhenAll(read, other);

        await Until.TrueAsync(() => view.Folders.Single(f => f.Path == "INBOX").Unread == 0, "the inbox shows no unread message",
            detail: () => view.Folders.Single(f => f.Path == "INBOX").ToString());
        Assert.Equal(1, view.Folders.Single(f => f.Path == "INBOX").Total);
    }

    [Fact]
    public async Task NotWatching_ReadsWhatTheServerHasNow()
    {
        // A prerendered page reads through the view before any watcher runs: nothing may be served stale.
        var user = MailStack.NewUser("view");
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        Assert.Empty((await lease.Session.View.GetPageAsync("INBOX", 0, 10)).Rows);
        Assert.Equal(0, (await lease.Session.View.GetFoldersAsync()).Single(f => f.Path == "INBOX").Total);

        using (var phone = await MailStack.ConnectAsync(user))
        {
            await phone.Inbox.AppendAsync(ImapSessionPoolTests.Message("Appended elsewhere"));
        }

        Assert.Equal("Appended elsewhere", Assert.Single((await lease.Session.View.GetPageAsync("INBOX", 0, 10)).Rows).Subject);
        Assert.Equal(1, (await lease.Session.View.GetFoldersAsync()).Single(f => f.Path == "INBOX").Total);
    }

    [Fact]
    public async Task CountsReadAgainForOneTab_EveryTabIsToldOfThem()
    {
        // A message read in another folder by another client: nothing is announced (NOTIFY reports only new and
        // removed messages there). When one tab has the folder list read again, every tab must hear the new counts.
        var user = MailStack.NewUser("view");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("html-newsletter-remote-images.unread.eml") with { Folder = "Archive" }]);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var other = new ConcurrentQueue<MailboxChange>();
        using var otherTab = lease.Session.View.Subscribe(other.Enqueue);
        lease.Session.StartWatching();
        Assert.Equal(1, (await lease.Session.View.GetFoldersAsync()).Single(f => f.Path == "Archive").Unread);

        using (var phone = await MailStack.ConnectAsync(user))
        {
            var archive = await phone.GetFolderAsync("Archive");
            await archive.OpenAsync(FolderAccess.ReadWrite);
            await archive.AddFlagsAsync(0, MessageFlags.Seen, silent: true);
        }

        Assert.Equal(0, (await lease.Session.View.ReadFoldersAsync()).Single(f => f.Path == "Archive").Unread);
        var told = other.LastOrDefault(c => c.Folder == "Archive");
        Assert.True(told is { Unread: 0 }, "the other tab was not told that Archive has no unread message any more");
        Assert.Equal(0, (await lease.Session.View.GetFoldersAsync()).Single(f => f.Path == "Archive").Unread);
    }

    [Fact]
    public async Task SubscriberThrows_LiveMailGoesOnForTheOthers()
    {
        var user = MailStack.NewUser("view");
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var changes = new ConcurrentQueue<MailboxChange>();
        using var broken = lease.Session.View.Subscribe(_ => throw new InvalidOperationException("a tab's bug"));
        using var working = lease.Session.View.Subscribe(changes.Enqueue);
        lease.Session.StartWatching();
        await lease.Session.View.GetPageAsync("INBOX", 0, 10);

        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("First"), user);
        await Until.TrueAsync(() => changes.SelectMany(c => c.NewMessages).Any(m => m.Subject == "First"), "the first message reaches the working tab");
        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Second"), user);
        await Until.TrueAsync(() => changes.SelectMany(c => c.NewMessages).Any(m => m.Subject == "Second"), "the second message still reaches it");

        Assert.Equal(0, lease.Session.Watcher.Restarts);
        Assert.Equal(["Second", "First"], (await lease.Session.View.GetPageAsync("INBOX", 0, 10)).Rows.Select(r => r.Subject));
    }
}
