using MimeKit;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sessions;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sessions;

public sealed class ImapSessionPoolTests
{
    [Fact]
    public async Task Lease_FiveLeasesOfOneUser_ServerSeesOneConnection()
    {
        await using var host = new MailTestHost();
        var user = MailStack.NewUser();
        var leases = Enumerable.Range(0, 5).Select(_ => host.Pool.Lease(user)).ToList();

        await Task.WhenAll(leases.Select(l => l.Session.Folders.GetFoldersAsync()));

        Assert.Equal(1, await MailStack.ServerConnectionCountAsync(user));
        Assert.All(leases, l => Assert.Same(leases[0].Session, l.Session));
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task Lease_TwoUsersConcurrently_EachSeesOnlyOwnMessages()
    {
        await using var host = new MailTestHost();
        var (ann, ben) = (MailStack.NewUser("ann"), MailStack.NewUser("ben"));
        await MailStack.DeliverAsync(Message("For Ann only"), ann);
        await MailStack.DeliverAsync(Message("For Ben only"), ben);
        await MailStack.WaitForInboxAsync(ann, 1);
        await MailStack.WaitForInboxAsync(ben, 1);

        using var a = host.Pool.Lease(ann);
        using var b = host.Pool.Lease(ben);
        var pages = await Task.WhenAll(
            Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? a : b).Session.Messages.GetMessagesAsync("INBOX", 0, 50)));

        for (var i = 0; i < pages.Length; i++)
        {
            var expected = i % 2 == 0 ? "For Ann only" : "For Ben only";
            Assert.Equal([expected], pages[i].Rows.Select(r => r.Subject));
        }
    }

    [Fact]
    public async Task Session_ServerKicksConnection_NextCommandReconnects()
    {
        await using var host = new MailTestHost();
        var user = MailStack.NewUser();
        using var lease = host.Pool.Lease(user);
        var states = new System.Collections.Concurrent.ConcurrentQueue<ConnectionState>();
        lease.Session.Connection.StatusChanged += status => states.Enqueue(status.State);
        await lease.Session.Folders.GetFoldersAsync();

        await MailStack.KickAsync(user);

        var folders = await lease.Session.Folders.GetFoldersAsync();

        Assert.Contains(folders, f => f.Path == "INBOX");
        Assert.Equal(2, lease.Session.Connection.ConnectCount);
        Assert.Contains(ConnectionState.Reconnecting, states);
        Assert.Equal(ConnectionState.Connected, states.Last());
        Assert.Equal(ConnectionStatus.Ok, lease.Session.Connection.Status);
    }

    [Fact]
    public async Task Verify_WrongPassword_ThrowsAuthenticationWithClearMessage()
    {
        await using var host = new MailTestHost();

        var ex = await Assert.ThrowsAsync<MailAuthenticationException>(() => host.Pool.VerifyAsync(new PasswordCredential(MailStack.NewUser(), "wrong")));

        Assert.Equal("The user name or password is incorrect.", ex.Message);
    }

    [Fact]
    public async Task Verify_ServerDown_ThrowsUnavailableWithoutHostForUsers()
    {
        await using var host = new MailTestHost(port: 1);

        var ex = await Assert.ThrowsAsync<MailUnavailableException>(() => host.Pool.VerifyAsync(new PasswordCredential(MailStack.NewUser(), MailStack.TestPassword)));

        Assert.Equal("The mail server cannot be reached. Try again in a moment.", ex.Message);
    }

    [Fact]
    public async Task Release_LastLease_ClosesConnectionAfterConfiguredDelay()
    {
        await using var host = new MailTestHost(closeAfterSeconds: 1);
        var user = MailStack.NewUser();
        using (var lease = host.Pool.Lease(user))
        {
            await lease.Session.Folders.GetFoldersAsync();
            Assert.Equal(1, await MailStack.ServerConnectionCountAsync(user));
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await MailStack.ServerConnectionCountAsync(user) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(0, await MailStack.ServerConnectionCountAsync(user));
        Assert.Equal(0, host.Pool.SessionCount);
    }

    [Fact]
    public async Task Close_SignOut_ClosesConnectionAndLaterUseSaysSignedOut()
    {
        await using var host = new MailTestHost();
        var user = MailStack.NewUser();
        using var lease = host.Pool.Lease(user);
        await lease.Session.Folders.GetFoldersAsync();

        host.Credentials.SignedOut.Add(user);
        await host.Pool.CloseAsync(user);

        Assert.Equal(0, await MailStack.ServerConnectionCountAsync(user));
        await Assert.ThrowsAsync<MailSignedOutException>(() => lease.Session.Folders.GetFoldersAsync());
    }

    internal static MimeMessage Message(string subject, string body = "Hello.")
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body } };
        message.From.Add(new MailboxAddress("Sender", "sender@example.org"));
        message.To.Add(new MailboxAddress("", "someone@test.example"));
        return message;
    }
}
