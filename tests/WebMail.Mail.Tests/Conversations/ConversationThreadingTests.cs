using WebMail.Mail.Conversations;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Conversations;

/// <summary>
/// The server's THREAD=REFERENCES and our own threading give the same conversations, in the same order (newest
/// activity first), on Dovecot (127.0.0.1) and on the same Dovecot without THREAD (127.0.0.4).
/// </summary>
public sealed class ConversationThreadingTests(ConversationFixtures fixtures) : IClassFixture<ConversationFixtures>
{
    [Fact]
    public async Task ThreadAsync_ServerWithThread_GroupsEveryKindOfLinkAndOrdersByNewest()
    {
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(fixtures.User);

        var index = await lease.Session.View.ConversationQueries.ThreadAsync(ConversationFixtures.Folder);

        Assert.True(index.ServerThreaded);
        Assert.Equal(Describe(fixtures.ExpectedUids()), Describe(index.Conversations));
    }

    [Fact]
    public async Task ThreadAsync_ServerWithoutThread_OurThreadingGivesTheServersConversations()
    {
        await using var server = new MailTestHost();
        await using var basic = new MailTestHost(host: MailStack.BasicSearchHost);
        using var serverLease = server.Pool.Lease(fixtures.User);
        using var basicLease = basic.Pool.Lease(fixtures.User);

        var threaded = await serverLease.Session.View.ConversationQueries.ThreadAsync(ConversationFixtures.Folder);
        var ours = await basicLease.Session.View.ConversationQueries.ThreadAsync(ConversationFixtures.Folder);

        Assert.False(ours.ServerThreaded);
        Assert.Equal(Describe(threaded.Conversations), Describe(ours.Conversations));
        Assert.Equal(Describe(fixtures.ExpectedUids()), Describe(ours.Conversations));
    }

    [Fact]
    public async Task ThreadAsync_OursOnTheFullServer_SameAsTheServersThread()
    {
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(fixtures.User);
        var queries = lease.Session.View.ConversationQueries;

        var threaded = await queries.ThreadAsync(ConversationFixtures.Folder);
        var ours = await queries.ThreadAsync(ConversationFixtures.Folder, serverThreading: false);

        Assert.Equal(Describe(threaded.Conversations), Describe(ours.Conversations));
    }

    [Fact]
    public async Task GetRowsAsync_AnotherOfTheUsersAddresses_IsMeToo()
    {
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(fixtures.User);
        var view = lease.Session.View;
        Assert.Equal(["Carol Jones", "me", "Dave"], (await view.GetConversationsAsync(ConversationFixtures.Folder, 0, 10)).Rows[0].Participants);

        // Dave's address is one of the user's identities: his messages are the user's own now.
        view.SetOwnAddresses(["DAVE@example.org"]);

        Assert.True(view.IsOwnAddress(fixtures.User));
        Assert.Equal(["Carol Jones", "me"], (await view.GetConversationsAsync(ConversationFixtures.Folder, 0, 10)).Rows[0].Participants);
    }

    [Fact]
    public async Task GetRowsAsync_BothServers_ParticipantsCountUnreadAndRootSubject()
    {
        foreach (var address in new[] { MailStack.Host, MailStack.BasicSearchHost })
        {
            await using var host = new MailTestHost(host: address);
            using var lease = host.Pool.Lease(fixtures.User);
            var page = await lease.Session.View.GetConversationsAsync(ConversationFixtures.Folder, 0, 10);

            Assert.Equal(5, page.Total);
            var a = page.Rows[0];
            Assert.Equal("Project plan", a.Subject);
            Assert.Equal(3, a.Count);
            Assert.Equal(["Carol Jones", "me", "Dave"], a.Participants);
            Assert.True(a.Unread);
            Assert.Equal(fixtures.Uids["a3"], a.Newest.Uid);
            Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 10, 0, TimeSpan.Zero), a.Date);

            var c = page.Rows[1];
            Assert.Equal(("Budget", 3, false), (c.Subject, c.Count, c.Unread));
            Assert.Equal(["Erin", "Frank"], c.Participants);
            Assert.Equal(["Re: Offsite", "Lunch", "Hello there"], page.Rows.Skip(2).Select(r => r.Subject));
            Assert.Equal([2, 2, 1], page.Rows.Skip(2).Select(r => r.Count));
        }
    }

    [Fact]
    public async Task ThreadAsync_WithoutThread_NewReplyJoinsItsConversationAndLeadsTheList()
    {
        var user = MailStack.NewUser("convnew");
        var start = new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero);
        await ConversationFixtures.AppendAsync(user, "INBOX", ConversationFixtures.Message("x1", "Quarterly report", "carol@example.org", "Carol", start));
        await ConversationFixtures.AppendAsync(user, "INBOX", ConversationFixtures.Message("y1", "Parking", "dave@example.org", "Dave", start.AddMinutes(1)));
        await using var host = new MailTestHost(host: MailStack.BasicSearchHost);
        using var lease = host.Pool.Lease(user);
        var queries = lease.Session.View.ConversationQueries;
        var before = await queries.ThreadAsync("INBOX");
        Assert.Equal(2, before.Count);

        var reply = await ConversationFixtures.AppendAsync(user, "INBOX", ConversationFixtures.Message("x2", "Re: Quarterly report", "erin@example.org", "Erin", start.AddMinutes(2), references: ["x1"]));
        var after = await queries.ThreadAsync("INBOX", fresh: true);

        Assert.Equal(2, after.Count);
        Assert.Equal(reply, after.Conversations[0][^1]);
        Assert.Equal(2, after.Conversations[0].Length);
    }

    private static string Describe(IEnumerable<uint[]> conversations) =>
        string.Join(" | ", conversations.Select(c => string.Join(",", c)));
}
