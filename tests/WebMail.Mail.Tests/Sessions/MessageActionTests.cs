using WebMail.Mail.Model;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sessions;

public sealed class MessageActionTests
{
    [Fact]
    public async Task SetSeenAndFlagged_ChangesFlagsOnServer()
    {
        await using var host = new MailTestHost();
        var (user, id) = await NewMailboxWithOneMessageAsync();
        using var lease = host.Pool.Lease(user);

        await lease.Session.Actions.SetSeenAsync(id, true);
        await lease.Session.Actions.SetFlaggedAsync(id, true);
        var row = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single();

        Assert.True(row.Seen);
        Assert.True(row.Flagged);
        await lease.Session.Actions.SetSeenAsync(id, false);
        Assert.False((await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single().Seen);
    }

    [Fact]
    public async Task Delete_FromInbox_MovesToTrashThenDeletingInTrashRemovesIt()
    {
        await using var host = new MailTestHost();
        var (user, id) = await NewMailboxWithOneMessageAsync();
        using var lease = host.Pool.Lease(user);

        await lease.Session.Actions.DeleteAsync(id);
        var trash = await lease.Session.Messages.GetMessagesAsync("Trash", 0, 10);

        Assert.Equal(0, (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Total);
        var inTrash = Assert.Single(trash.Rows);
        await lease.Session.Actions.DeleteAsync(inTrash.Id);
        Assert.Equal(0, (await lease.Session.Messages.GetMessagesAsync("Trash", 0, 10)).Total);
    }

    [Fact]
    public async Task Move_ToArchive_MessageLeavesInboxAndArrivesInArchive()
    {
        await using var host = new MailTestHost();
        var (user, id) = await NewMailboxWithOneMessageAsync();
        using var lease = host.Pool.Lease(user);

        await lease.Session.Actions.MoveAsync(id, "Archive");

        Assert.Equal(0, (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Total);
        Assert.Equal("Action test", (await lease.Session.Messages.GetMessagesAsync("Archive", 0, 10)).Rows.Single().Subject);
    }

    [Fact]
    public async Task GetMessage_AfterUidValidityChange_SaysMessageIsGone()
    {
        await using var host = new MailTestHost();
        var (user, id) = await NewMailboxWithOneMessageAsync();
        using var lease = host.Pool.Lease(user);

        await Assert.ThrowsAsync<MailItemNotFoundException>(() => lease.Session.Messages.GetMessageAsync(id with { UidValidity = id.UidValidity + 1 }));
        await Assert.ThrowsAsync<MailItemNotFoundException>(() => lease.Session.Messages.GetMessageAsync(id with { Uid = 999 }));
    }

    private static async Task<(string User, MessageRef Id)> NewMailboxWithOneMessageAsync()
    {
        var user = MailStack.NewUser("act");
        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Action test"), user);
        await MailStack.WaitForInboxAsync(user, 1);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        return (user, (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single().Id);
    }
}
