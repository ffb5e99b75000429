using System.Collections.Concurrent;
using WebMail.Mail.Actions;
using WebMail.Mail.Model;
using WebMail.Testing;
using static WebMail.Mail.Tests.Actions.ServerMailbox;

namespace WebMail.Mail.Tests.Actions;

/// <summary>"Everything this list shows": a search over all folders, minus the messages the user unticked.</summary>
public sealed class BulkSelectionTests
{
    [Fact]
    public async Task MoveAllOfAnAllFolderSearch_MinusOneUnticked_MovesOnlyTheOtherHits_AndTheTabsHearOfIt()
    {
        var user = MailStack.NewUser("bsel");
        await AppendAsync(user, "INBOX", [Letter("invoice 1"), Letter("invoice 2"), Letter("hello")]);
        await AppendAsync(user, "Projects", [Letter("invoice 3"), Letter("other")]);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var view = lease.Session.View;
        var changes = new ConcurrentQueue<MailboxChange>();
        using var subscription = view.Subscribe(changes.Enqueue);
        lease.Session.StartWatching();
        await view.GetFoldersAsync();
        var inbox = (await view.GetPageAsync("INBOX", 0, 10)).Rows;
        var unticked = inbox.Single(r => r.Subject == "invoice 2").Id;

        var search = new ListQuery("INBOX", Search: "subject:invoice", AllFolders: true);
        var receipt = await lease.Session.Bulk.MoveAsync(MessageSelection.All(search, new HashSet<MessageRef> { unticked }), "Archive");

        Assert.Equal("Moved 2 messages to Archive", receipt.Description);
        Assert.Equal(["invoice 1", "invoice 3"], await SubjectsAsync(user, "Archive"));
        Assert.Equal(["hello", "invoice 2"], await SubjectsAsync(user, "INBOX"));
        Assert.Equal(["other"], await SubjectsAsync(user, "Projects"));
        await Until.TrueAsync(() => view.Folders.Any(f => f is { Path: "Archive", Total: 2 }) && view.Folders.Any(f => f is { Path: "Projects", Total: 1 }), "every tab's folder counts");

        // The search and the move selected other folders; the connection is back in the inbox, watching it.
        await MailStack.DeliverAsync(Letter("after the move"), user);
        await Until.TrueAsync(() => changes.Any(c => c.Folder == "INBOX" && c.NewMessages.Any(m => m.Subject == "after the move")), "new mail in the inbox reaches the tabs");
    }
}
