using System.Collections.Concurrent;
using MailKit;
using WebMail.Mail.Model;
using WebMail.Testing;
using static WebMail.Mail.Tests.Search.SearchFixtures;

namespace WebMail.Mail.Tests.Search;

/// <summary>All-folder search streaming in folder by folder, and result sets that follow the mailbox as it changes.</summary>
public sealed class AllFoldersAndChangesTests
{
    [Fact]
    public async Task AllFolders_StreamsFolderByFolder_NewestFirst_EachRowLabelledWithItsFolder()
    {
        var user = MailStack.NewUser("allf");
        using (var client = await MailStack.ConnectAsync(user))
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            var now = DateTimeOffset.UtcNow;
            var index = 0;
            foreach (var name in new[] { "Projects", "Receipts", "Travel" })
            {
                var folder = (await root.CreateAsync(name, true))!;
                await folder.AppendAsync(new AppendRequest(Letter($"kiwi in {name}", "a@a.example", "b@b.example", "2026-01-01 10:00 +0000")) { InternalDate = now.AddHours(-10 + index++) });
                await folder.AppendAsync(new AppendRequest(Letter($"apple in {name}", "a@a.example", "b@b.example", "2026-01-01 10:00 +0000")));
            }

            await client.Inbox.AppendAsync(new AppendRequest(Letter("kiwi in INBOX", "a@a.example", "b@b.example", "2026-01-01 10:00 +0000")) { InternalDate = now.AddHours(-20) });
            await client.DisconnectAsync(true);
        }

        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var view = lease.Session.View;
        var told = new ConcurrentQueue<ListQuery>();
        using var subscription = view.SubscribeLists(told.Enqueue);
        lease.Session.StartWatching();
        await view.GetFoldersAsync();
        var query = new ListQuery("Travel", "kiwi", AllFolders: true);

        var first = await view.GetListPageAsync(query, 0, 50);
        Assert.Contains(first.Rows, r => r.Id.Folder == "Travel");
        var page = await CompleteAsync(view, query);
        Assert.Contains(query, told);
        Assert.True(told.Count(q => q == query) >= 3, $"told {told.Count} times: once per folder answered");

        Assert.Null(page.Notice);
        Assert.Equal(["kiwi in Travel", "kiwi in Receipts", "kiwi in Projects", "kiwi in INBOX"], Subjects(page));
        Assert.Equal(["Travel", "Receipts", "Projects", "INBOX"], page.Rows.Select(r => r.Id.Folder));
        Assert.All(page.Rows, r => Assert.EndsWith(r.Id.Folder, r.Subject, StringComparison.Ordinal));

        // in:all in the text works the same from any folder.
        var typed = await CompleteAsync(view, new ListQuery("INBOX", "in:all apple"));
        Assert.Equal(3, typed.Total);
        Assert.Equal(["Projects", "Receipts", "Travel"], typed.Rows.Select(r => r.Id.Folder).Order());
    }

    private static async Task<ListPage> CompleteAsync(WebMail.Mail.Mailbox.MailboxView view, ListQuery query)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await view.GetListPageAsync(query, 0, 50);
            if (page.Complete)
            {
                return page;
            }

            Assert.True(DateTime.UtcNow < deadline, "the all-folder search never completed");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Changes_NewMailExpungeAndFlags_TheNextPageReadsRight()
    {
        var user = MailStack.NewUser("chg");
        using var phone = await MailStack.ConnectAsync(user);
        foreach (var subject in new[] { "one", "two", "three" })
        {
            await phone.Inbox.AppendAsync(Letter(subject, "a@a.example", user, "2026-01-01 10:00 +0000"));
        }

        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var view = lease.Session.View;
        var told = new ConcurrentQueue<ListQuery>();
        var changes = new ConcurrentQueue<MailboxChange>();
        using var subscription = view.SubscribeLists(told.Enqueue);
        using var changed = view.Subscribe(changes.Enqueue);
        lease.Session.StartWatching();
        await view.GetFoldersAsync();
        var unread = new ListQuery("INBOX", "is:unread");

        // Each step: once the change is applied, the tab has been told (since its last read began) to read again, and
        // the next page is right. (A folder-count refresh during or after the read may tell it first, and drop the set
        // the read made; then the change finds nothing left to drop. Either way the tab was told after its read began.)
        var mark = told.Count;
        Assert.Equal(["three", "two", "one"], Subjects(await view.GetListPageAsync(unread, 0, 20)));
        changes.Clear();
        await phone.Inbox.OpenAsync(FolderAccess.ReadWrite);
        await phone.Inbox.AddFlagsAsync(new UniqueId(2), MessageFlags.Seen, true);
        await Until.TrueAsync(() => changes.Any(c => c.FlagChanges.Count > 0), "the flag change is applied");
        Assert.Contains(unread, told.Skip(mark));

        mark = told.Count;
        Assert.Equal(["three", "one"], Subjects(await view.GetListPageAsync(unread, 0, 20)));
        changes.Clear();
        await MailStack.DeliverAsync(Letter("four", "a@a.example", user, "2026-01-02 10:00 +0000"), user);
        await Until.TrueAsync(() => changes.Any(c => c.NewMessages.Count > 0), "the new mail is applied");
        Assert.Contains(unread, told.Skip(mark));

        mark = told.Count;
        Assert.Equal(["four", "three", "one"], Subjects(await view.GetListPageAsync(unread, 0, 20)));
        changes.Clear();
        await phone.Inbox.AddFlagsAsync(new UniqueId(3), MessageFlags.Deleted, true);
        await phone.Inbox.ExpungeAsync();
        await Until.TrueAsync(() => changes.Any(c => c.Expunged), "the expunge is applied");
        Assert.Contains(unread, told.Skip(mark));
        var page = await view.GetListPageAsync(unread, 0, 20);
        Assert.Equal(["four", "one"], Subjects(page));
        Assert.Equal(2, page.Total);
    }

    [Fact]
    public async Task AllFolders_NotWatched_AnswersWhole()
    {
        var user = MailStack.NewUser("allw");
        using (var client = await MailStack.ConnectAsync(user))
        {
            var folder = (await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync("Later", true))!;
            await folder.AppendAsync(Letter("kiwi later", "a@a.example", user, "2026-01-01 10:00 +0000"));
            await client.Inbox.AppendAsync(Letter("kiwi inbox", "a@a.example", user, "2026-01-01 10:00 +0000"));
            await client.DisconnectAsync(true);
        }

        // A prerender (nothing watches, nothing could tell of more): one read gives every folder's hits.
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var page = await lease.Session.View.GetListPageAsync(new ListQuery("INBOX", "kiwi", AllFolders: true), 0, 20);
        Assert.True(page.Complete);
        Assert.Equal(["INBOX", "Later"], page.Rows.Select(r => r.Id.Folder).Order());
    }

    [Fact]
    public async Task OneMegabyteBody_TextSearchFindsIt()
    {
        var user = MailStack.NewUser("big");
        var filler = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet\n", 20_000));
        using (var client = await MailStack.ConnectAsync(user))
        {
            await client.Inbox.AppendAsync(Letter("large", "a@a.example", user, "2026-01-01 10:00 +0000", filler + " zanzibar-needle " + filler));
            await client.Inbox.AppendAsync(Letter("small", "a@a.example", user, "2026-01-01 10:00 +0000", "no needle"));
            await client.DisconnectAsync(true);
        }

        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var page = await lease.Session.View.GetListPageAsync(new ListQuery("INBOX", "zanzibar-needle"), 0, 20);
        Assert.Equal(["large"], Subjects(page));
        Assert.True(page.Rows[0].Size > 1_000_000);
    }

    [Fact]
    public async Task InFolder_ByNameAnyCase_SearchesThatFolder()
    {
        var user = MailStack.NewUser("inf");
        using (var client = await MailStack.ConnectAsync(user))
        {
            var folder = (await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync("Old Projects", true))!;
            await folder.AppendAsync(Letter("archived kiwi", "a@a.example", user, "2026-01-01 10:00 +0000"));
            await client.Inbox.AppendAsync(Letter("inbox kiwi", "a@a.example", user, "2026-01-01 10:00 +0000"));
            await client.DisconnectAsync(true);
        }

        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var page = await lease.Session.View.GetListPageAsync(new ListQuery("INBOX", "in:\"old projects\" kiwi"), 0, 20);
        Assert.Equal(["archived kiwi"], Subjects(page));
        Assert.Equal("Old Projects", page.Rows[0].Id.Folder);
        var plain = await lease.Session.View.GetListPageAsync(new ListQuery("Old Projects", "in:INBOX"), 0, 20);
        Assert.Equal(["inbox kiwi"], Subjects(plain));
    }

    [Fact]
    public async Task AllFolders_AFolderThatFails_IsNamedInANotice_TheOthersStillAnswer()
    {
        var user = MailStack.NewUser("allx");
        using var phone = await MailStack.ConnectAsync(user);
        var root = phone.GetFolder(phone.PersonalNamespaces[0]);
        var doomed = (await root.CreateAsync("Doomed", true))!;
        await doomed.AppendAsync(Letter("kiwi doomed", "a@a.example", user, "2026-01-01 10:00 +0000"));
        await phone.Inbox.AppendAsync(Letter("kiwi inbox", "a@a.example", user, "2026-01-01 10:00 +0000"));

        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var view = lease.Session.View;
        lease.Session.StartWatching();
        Assert.Contains(await view.GetFoldersAsync(), f => f.Path == "Doomed");

        // Deleted by another client after the folder list was read: searching it fails, the search goes on.
        await doomed.DeleteAsync();
        var page = await CompleteAsync(view, new ListQuery("INBOX", "kiwi", AllFolders: true));
        Assert.Equal(["kiwi inbox"], Subjects(page));
        Assert.Contains("Doomed", page.Notice, StringComparison.Ordinal);
        Assert.Contains("could not be searched", page.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientSideSort_WithoutServerSort_StaysRightAsMailArrives()
    {
        var user = MailStack.NewUser("csort");
        using (var client = await MailStack.ConnectAsync(user))
        {
            foreach (var (subject, from) in new[] { ("from mike", "mike@m.example"), ("from anna", "anna@a.example"), ("from zoe", "zoe@z.example") })
            {
                await client.Inbox.AppendAsync(Letter(subject, from, user, "2026-01-01 10:00 +0000"));
            }

            await client.DisconnectAsync(true);
        }

        var log = new CommandLog();
        await using var host = new MailTestHost(host: MailStack.BasicSearchHost, protocolLogger: () => log);
        using var lease = host.Pool.Lease(user);
        var view = lease.Session.View;
        var changes = new ConcurrentQueue<MailboxChange>();
        using var changed = view.Subscribe(changes.Enqueue);
        lease.Session.StartWatching();
        await view.GetFoldersAsync();
        var byFrom = new ListQuery("INBOX", Sort: new SortOrder(SortField.From, Descending: false));
        Assert.Equal(["from anna", "from mike", "from zoe"], Subjects(await view.GetListPageAsync(byFrom, 0, 20)));
        Assert.DoesNotContain("UID SORT", log.Commands);

        await MailStack.DeliverAsync(Letter("from bert", "bert@b.example", user, "2026-01-02 10:00 +0000"), user);
        await Until.TrueAsync(() => changes.Any(c => c.NewMessages.Count > 0), "the new mail is applied");
        Assert.Equal(["from anna", "from bert", "from mike", "from zoe"], Subjects(await view.GetListPageAsync(byFrom, 0, 20)));
    }
}
