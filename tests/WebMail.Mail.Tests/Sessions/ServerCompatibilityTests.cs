using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Options;
using WebMail.Mail.Compose;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sessions;

/// <summary>
/// WebMail against servers that are not the local Dovecot's default: the same Dovecot reached as 127.0.0.2 offers
/// no LIST-STATUS, NOTIFY or SPECIAL-USE (nouse-* users also see no special_use attributes), and as 127.0.0.3 it
/// refuses passwords before STARTTLS. See deploy/mailstack/dovecot.conf.in, "Compatibility listeners".
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ServerCompatibilityTests
{
    [Fact]
    public async Task CompatListener_IsReallyWithoutListStatusNotifyAndSpecialUse()
    {
        // Guards the tests below: they prove nothing if the listener offered what it is meant to lack.
        using var client = new ImapClient();
        await client.ConnectAsync(MailStack.CompatHost, MailStack.ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(MailStack.NewUserWithoutSpecialUse(), MailStack.TestPassword);
        Assert.Equal(ImapCapabilities.None, client.Capabilities & (ImapCapabilities.ListStatus | ImapCapabilities.Notify | ImapCapabilities.SpecialUse));
        var folders = await client.GetFoldersAsync(client.PersonalNamespaces[0]);
        Assert.DoesNotContain(folders, f => (f.Attributes & (FolderAttributes.Sent | FolderAttributes.Trash | FolderAttributes.Drafts)) != 0);
    }

    [Fact]
    public async Task NoSelectParent_WithoutListStatus_ListsParentAndChildWithCounts()
    {
        var user = MailStack.NewUser("noselect");
        // Only the child is created: its parent exists as a name only, listed \Noselect \HasChildren, and refuses STATUS.
        await MailStack.DoveadmAsync("mailbox", "create", "-u", user, "Projects/Mobile");
        using (var client = await MailStack.ConnectAsync(user))
        {
            var mobile = await client.GetFolderAsync("Projects/Mobile");
            await mobile.AppendAsync(new AppendRequest(ImapSessionPoolTests.Message("Read")) { Flags = MessageFlags.Seen });
            await mobile.AppendAsync(ImapSessionPoolTests.Message("Unread"));
        }

        await using var host = new MailTestHost(host: MailStack.CompatHost);
        using var lease = host.Pool.Lease(user);
        var folders = await lease.Session.Folders.GetFoldersAsync();

        var projects = Assert.Single(folders, f => f.Path == "Projects");
        Assert.False(projects.CanSelect);
        Assert.Null(projects.CountsProblem);
        var child = Assert.Single(folders, f => f.Path == "Projects/Mobile");
        Assert.Equal(("Mobile", 1, 2, 1, (string?)null), (child.Name, child.Depth, child.Total, child.Unread, child.CountsProblem));
        Assert.True(folders.ToList().IndexOf(child) == folders.ToList().IndexOf(projects) + 1, "the child sits right under its parent");
        Assert.Contains(folders, f => f.Role == FolderRole.Inbox);
    }

    [Fact]
    public async Task SelectedFolder_IsNeverAskedForStatus_ItsCountsComeFromTheSelection()
    {
        var user = MailStack.NewUser("nostatus");
        using (var client = await MailStack.ConnectAsync(user))
        {
            await client.Inbox.AppendAsync(ImapSessionPoolTests.Message("One"));
            await client.Inbox.AppendAsync(new AppendRequest(ImapSessionPoolTests.Message("Two")) { Flags = MessageFlags.Seen });
        }

        var log = new CommandLog();
        await using var host = new MailTestHost(host: MailStack.CompatHost, protocolLogger: () => log);
        using var lease = host.Pool.Lease(user);
        await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);
        var mark = log.Count;

        var inbox = (await lease.Session.Folders.GetFoldersAsync()).Single(f => f.Role == FolderRole.Inbox);

        Assert.Equal((2, 1), (inbox.Total, inbox.Unread));
        Assert.DoesNotContain("STATUS INBOX", log.Since(mark));
        Assert.Contains("STATUS SENT", log.Since(mark));
    }

    [Fact]
    public async Task FolderTheServerWillNotCount_IsListedWithoutCountsAndWithTheReason()
    {
        var user = MailStack.NewUser("nocount");
        using (var client = await MailStack.ConnectAsync(user))
        {
            await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync("Locked", true);
        }

        // The folder's files become unreadable for Dovecot's mail user: LIST still shows it, STATUS is refused.
        var locked = Path.Combine(MailStack.StackDirectory, "mail", "test.example", user.Split('@')[0], "Maildir", ".Locked");
        Assert.True(Directory.Exists(locked), locked);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        try
        {
            await using var host = new MailTestHost(host: MailStack.CompatHost);
            using var lease = host.Pool.Lease(user);
            var folders = await lease.Session.Folders.GetFoldersAsync();

            var refused = Assert.Single(folders, f => f.Path == "Locked");
            Assert.False(string.IsNullOrWhiteSpace(refused.CountsProblem));
            Assert.Contains(folders, f => f.Role == FolderRole.Inbox && f.CountsProblem is null);
            Assert.Contains(folders, f => f.Role == FolderRole.Sent && f.CountsProblem is null);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public async Task WithoutSpecialUse_SpecialFoldersAreFoundByName_AndUsedForDeleteAndDrafts()
    {
        var user = MailStack.NewUserWithoutSpecialUse();
        using (var client = new ImapClient())
        {
            await client.ConnectAsync(MailStack.CompatHost, MailStack.ImapPort, SecureSocketOptions.None);
            await client.AuthenticateAsync(user, MailStack.TestPassword);
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            foreach (var name in new[] { "Sent Items", "Entwürfe", "Papierkorb", "Spam", "Archiv" })
            {
                await root.CreateAsync(name, true);
            }

            await (await root.CreateAsync("Projects", true))!.CreateAsync("Sent", true);

            await client.Inbox.AppendAsync(ImapSessionPoolTests.Message("To be deleted"));
        }

        await using var host = new MailTestHost(host: MailStack.CompatHost);
        using var lease = host.Pool.Lease(user);
        var folders = await lease.Session.Folders.GetFoldersAsync();
        string PathOf(FolderRole role) => folders.Single(f => f.Role == role).Path;

        Assert.Equal("Sent Items", PathOf(FolderRole.Sent));
        Assert.Equal("Entwürfe", PathOf(FolderRole.Drafts));
        Assert.Equal("Papierkorb", PathOf(FolderRole.Trash));
        Assert.Equal("Spam", PathOf(FolderRole.Junk));
        Assert.Equal("Archiv", PathOf(FolderRole.Archive));
        Assert.Equal(FolderRole.None, folders.Single(f => f.Path == "Projects/Sent").Role);
        Assert.Equal(["Inbox", "Entwürfe", "Sent Items", "Archiv", "Spam", "Papierkorb"], folders.Take(6).Select(f => f.Name));

        var message = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single();
        await lease.Session.Actions.DeleteAsync(message.Id);
        Assert.Equal(["To be deleted"], (await lease.Session.Messages.GetMessagesAsync("Papierkorb", 0, 10)).Rows.Select(r => r.Subject));

        var saved = await lease.Session.Drafts.SaveDraftAsync(Draft.Empty(user) with { Subject = "Half written" });
        Assert.Equal("Entwürfe", saved.Folder);
    }

    [Fact]
    public async Task FolderSettings_OverrideNames_AndRootLimitsTheList()
    {
        var user = MailStack.NewUserWithoutSpecialUse();
        using (var client = new ImapClient())
        {
            await client.ConnectAsync(MailStack.CompatHost, MailStack.ImapPort, SecureSocketOptions.None);
            await client.AuthenticateAsync(user, MailStack.TestPassword);
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            var mail = await root.CreateAsync("mail", false) ?? throw new InvalidOperationException("mail/ not created");
            foreach (var name in new[] { "Work", "Archive", "Old mail", "Sent" })
            {
                await mail.CreateAsync(name, true);
            }

            await root.CreateAsync("mbox", true);
            await root.CreateAsync("Sent", true);
        }

        await using var host = new MailTestHost(host: MailStack.CompatHost, folders: new FolderOptions { Root = "mail/", Archive = "mail/Old mail" });
        using var lease = host.Pool.Lease(user);
        var folders = await lease.Session.Folders.GetFoldersAsync();

        Assert.Equal(["INBOX", "mail/Sent", "mail/Old mail", "mail/Archive", "mail/Work"], folders.Select(f => f.Path));
        Assert.Equal(["Inbox", "Sent", "Old mail", "Archive", "Work"], folders.Select(f => f.Name));
        Assert.All(folders, f => Assert.Equal(0, f.Depth));
        Assert.Equal(FolderRole.Archive, folders.Single(f => f.Path == "mail/Old mail").Role);
        Assert.Equal(FolderRole.Sent, folders.Single(f => f.Path == "mail/Sent").Role);
    }

    [Fact]
    public async Task LoginDisabled_PasswordWithoutTls_SaysTheSettingToChange_AndSendsNoPassword()
    {
        var log = new ListLogger<ImapConnector>();
        var server = new ServerLines();
        var connector = Connector(MailStack.TlsOnlyHost, MailSecurity.None, log);
        connector.ProtocolLoggerFactory = () => server;

        var ex = await Assert.ThrowsAsync<MailAuthenticationException>(() => connector.ConnectAsync(new PasswordCredential(MailStack.NewUser("tls"), MailStack.TestPassword)));

        Assert.Contains("encrypted connection", ex.Message, StringComparison.Ordinal);
        Assert.Contains("WebMail:Imap:Security", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("password is incorrect", ex.Message, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Contains("LOGINDISABLED", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Client, l => l.Contains(MailStack.TestPassword, StringComparison.Ordinal) || l.Contains("LOGIN ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LoginDisabled_WithStartTls_SignsIn()
    {
        var connector = new ImapConnector(
            Options.Create(new ImapOptions { Host = MailStack.TlsOnlyHost, Port = MailStack.ImapPort, Security = MailSecurity.StartTls, TrustedCertificatePath = MailStack.CertificatePath, TimeoutSeconds = 10 }),
            new ListLogger<ImapConnector>());

        using var client = await connector.ConnectAsync(new PasswordCredential(MailStack.NewUser("tls"), MailStack.TestPassword));

        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task TokenSignIn_ServerOffersNoTokenMechanism_SaysSo()
    {
        // Before TLS, 127.0.0.3 offers no mechanism at all: neither OAUTHBEARER nor XOAUTH2.
        var log = new ListLogger<ImapConnector>();
        var ex = await Assert.ThrowsAsync<MailAuthenticationException>(() =>
            Connector(MailStack.TlsOnlyHost, MailSecurity.None, log).ConnectAsync(new OAuthCredential("someone@example.test", "token-that-must-not-be-sent")));

        Assert.Contains("encrypted connection", ex.Message, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Contains("no OAUTHBEARER or XOAUTH2", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Contains("token-that-must-not-be-sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongPassword_IsWrongCredentials_AndTheServersTextIsLogged()
    {
        var log = new ListLogger<ImapConnector>();
        var ex = await Assert.ThrowsAsync<MailAuthenticationException>(() =>
            Connector(MailStack.Host, MailSecurity.None, log).ConnectAsync(new PasswordCredential(MailStack.NewUser("wrong"), "not-the-password")));

        Assert.Equal("The user name or password is incorrect.", ex.Message);
        var line = Assert.Single(log.Lines, l => l.Contains("IMAP login refused", StringComparison.Ordinal));
        Assert.Contains("AUTHENTICATIONFAILED", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", line, StringComparison.Ordinal);
    }

    private static ImapConnector Connector(string host, MailSecurity security, ListLogger<ImapConnector> log) =>
        new(Options.Create(new ImapOptions { Host = host, Port = MailStack.ImapPort, Security = security, TimeoutSeconds = 10 }), log);

    /// <summary>What the client sent, line by line (to prove what never left it).</summary>
    private sealed class ServerLines : IProtocolLogger
    {
        public List<string> Client { get; } = [];

        public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

        public void LogConnect(Uri uri)
        {
        }

        public void LogClient(byte[] buffer, int offset, int count) => Client.Add(System.Text.Encoding.UTF8.GetString(buffer, offset, count));

        public void LogServer(byte[] buffer, int offset, int count)
        {
        }

        public void Dispose()
        {
        }
    }
}
