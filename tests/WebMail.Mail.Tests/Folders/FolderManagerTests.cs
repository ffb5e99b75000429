using System.Collections.Concurrent;
using MailKit;
using MimeKit;
using WebMail.Mail.Folders;
using WebMail.Mail.Model;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Folders;

/// <summary>Folder commands against the real Dovecot, the one without MOVE/UIDPLUS/special use, and the one without LIST-STATUS.</summary>
public sealed class FolderManagerTests
{
    public static TheoryData<string> Hosts => [MailStack.Host, MailStack.BasicOrganizeHost, MailStack.CompatHost];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task CreateRenameMoveDelete_NestedFolders_EveryTabToldAndCountsRight(string server)
    {
        var user = MailStack.NewUser("fold");
        await using var host = new MailTestHost(host: server);
        using var lease = host.Pool.Lease(user);
        var session = lease.Session;
        session.StartWatching();
        await session.View.GetFoldersAsync();
        var told = new ConcurrentQueue<FolderListChange>();
        using var subscription = session.View.SubscribeFolderList(told.Enqueue);
        var admin = session.FolderAdmin;

        Assert.Equal("Projects", await admin.CreateAsync(null, "Projects"));
        Assert.Equal("Projects/2026", await admin.CreateAsync("Projects", " 2026 "));
        Assert.Equal("Projects/2026/Q1", await admin.CreateAsync("Projects/2026", "Q1"));
        Assert.Contains(session.View.Folders, f => f.Path == "Projects/2026/Q1" && f.Depth == 2);
        await AppendAsync(user, server, "Projects", 3);
        await AppendAsync(user, server, "Projects/2026/Q1", 2);

        // Rename: the children go along, and keep their mail.
        Assert.Equal("Work", await admin.RenameAsync("Projects", "Work"));
        var names = Paths(session.View.Folders);
        Assert.Contains("Work/2026/Q1", names);
        Assert.DoesNotContain("Projects", names);
        Assert.Equal((2, 0), await admin.CountForDeleteAsync("Work/2026/Q1"));

        // Move to the top, then back under another folder.
        Assert.Equal("2026", await admin.MoveAsync("Work/2026", null));
        Assert.Contains("2026/Q1", Paths(session.View.Folders));
        Assert.Equal("Work/2026", await admin.MoveAsync("2026", "Work"));

        // Delete with subfolders: the count says what goes.
        Assert.Equal((5, 2), await admin.CountForDeleteAsync("Work"));
        await admin.DeleteAsync("Work");
        Assert.DoesNotContain(session.View.Folders, f => f.Path.StartsWith("Work", StringComparison.Ordinal));
        Assert.DoesNotContain(await admin.ListAllAsync(), f => f.Path.StartsWith("Work", StringComparison.Ordinal));

        Assert.Equal(
            [FolderChangeKind.Created, FolderChangeKind.Created, FolderChangeKind.Created, FolderChangeKind.Renamed, FolderChangeKind.Moved, FolderChangeKind.Moved, FolderChangeKind.Deleted],
            told.Select(c => c.Kind));
        var renamed = told.First(c => c.Kind == FolderChangeKind.Renamed);
        Assert.Equal("Work/2026/Q1", renamed.Follow("Projects/2026/Q1"));
        Assert.Null(told.Last().Follow("Work/2026"));
        Assert.Equal("INBOX", told.Last().Follow("INBOX"));

        // Another client sees the same.
        using var other = await ConnectAsync(user, server);
        var listed = await other.GetFoldersAsync(other.PersonalNamespaces[0]);
        Assert.DoesNotContain(listed, f => f.FullName.StartsWith("Work", StringComparison.Ordinal) || f.FullName.StartsWith("Projects", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task NonAsciiNames_RoundTripThroughModifiedUtf7(string server)
    {
        var user = MailStack.NewUser("utf7");
        await using var host = new MailTestHost(host: server);
        using var lease = host.Pool.Lease(user);
        var admin = lease.Session.FolderAdmin;

        Assert.Equal("Reçus 2026", await admin.CreateAsync(null, "Reçus 2026"));
        Assert.Equal("Reçus 2026/日本", await admin.CreateAsync("Reçus 2026", "日本"));
        var all = await admin.ListAllAsync();
        Assert.Contains(all, f => f.Path == "Reçus 2026/日本" && f.Name == "日本" && f.Depth == 1);

        // What the server stores is modified UTF-7 (RFC 3501 5.1.3; Maildir++ on disk), so every client reads the same name.
        var local = user[..user.IndexOf('@', StringComparison.Ordinal)];
        Assert.True(Directory.Exists(Path.Combine(MailStack.StackDirectory, "mail", "test.example", local, "Maildir", ".Re&AOc-us 2026.&ZeVnLA-")));
        Assert.Equal("Kvitton 2026", await admin.RenameAsync("Reçus 2026", "Kvitton 2026"));
        Assert.Contains(await admin.ListAllAsync(), f => f.Path == "Kvitton 2026/日本");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task RenameAndDelete_TheOpenFolder_NothingStaleIsServed(string server)
    {
        var user = MailStack.NewUser("stale");
        await using var host = new MailTestHost(host: server);
        using var lease = host.Pool.Lease(user);
        var session = lease.Session;
        session.StartWatching();
        var admin = session.FolderAdmin;
        await admin.CreateAsync(null, "Projects");
        await AppendAsync(user, server, "Projects", 2);

        // Selected, its rows kept by the view and its folder object by the connection.
        Assert.Equal(2, (await session.View.GetPageAsync("Projects", 0, 10)).Total);
        await admin.RenameAsync("Projects", "Work");
        Assert.Equal(2, (await session.View.GetPageAsync("Work", 0, 10)).Total);
        await Assert.ThrowsAnyAsync<MailException>(() => session.View.GetPageAsync("Projects", 0, 10));

        // A new folder under the old name is a new folder, not the renamed one.
        await admin.CreateAsync(null, "Projects");
        Assert.Equal(0, (await session.View.GetPageAsync("Projects", 0, 10)).Total);

        await admin.DeleteAsync("Work");
        await Assert.ThrowsAnyAsync<MailException>(() => session.View.GetPageAsync("Work", 0, 10));
        Assert.Equal(0, (await session.View.GetPageAsync("INBOX", 0, 10)).Total);
        Assert.DoesNotContain(await session.View.GetFoldersAsync(), f => f.Path == "Work");
    }

    [Fact]
    public async Task BadRequests_RefusedWithASentence_NothingChanges()
    {
        var user = MailStack.NewUser("badn");
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(user);
        var admin = lease.Session.FolderAdmin;
        await admin.CreateAsync(null, "Projects");
        await admin.CreateAsync("Projects", "Inner");
        await admin.CreateAsync("Projects", "Other");

        Assert.Equal("Give the folder a name.", (await Refused(() => admin.CreateAsync(null, "  "))).Message);
        Assert.Contains("cannot contain “/”", (await Refused(() => admin.CreateAsync(null, "a/b"))).Message, StringComparison.Ordinal);
        Assert.Contains("“Projects” already exists", (await Refused(() => admin.CreateAsync(null, "Projects"))).Message, StringComparison.Ordinal);
        Assert.Contains("already exists", (await Refused(() => admin.CreateAsync(null, "inbox"))).Message, StringComparison.Ordinal);
        Assert.Equal("The Inbox cannot be renamed.", (await Refused(() => admin.RenameAsync("INBOX", "Post"))).Message);
        Assert.Equal("The Inbox cannot be deleted.", (await Refused(() => admin.DeleteAsync("INBOX"))).Message);
        Assert.Equal("“Trash” is your Trash folder and cannot be deleted.", (await Refused(() => admin.DeleteAsync("Trash"))).Message);
        Assert.Equal("“Sent” is your Sent folder and cannot be moved.", (await Refused(() => admin.MoveAsync("Sent", "Projects"))).Message);
        Assert.Equal("A folder cannot be moved into itself or one of its subfolders.", (await Refused(() => admin.MoveAsync("Projects", "Projects/Inner"))).Message);
        Assert.Contains("already exists", (await Refused(() => admin.RenameAsync("Projects/Inner", "Other"))).Message, StringComparison.Ordinal);

        // The server's own refusal comes back with its reason.
        var refused = await Assert.ThrowsAsync<MailCommandException>(() => admin.CreateAsync(null, "~home"));
        Assert.StartsWith("The mail server would not create “~home”: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("~", refused.Message[40..], StringComparison.Ordinal);

        Assert.Equal(["Projects", "Projects/Inner", "Projects/Other"], (await admin.ListAllAsync()).Where(f => f.Role == FolderRole.None).Select(f => f.Path));
    }

    private static async Task<FolderRequestException> Refused(Func<Task> action) => await Assert.ThrowsAsync<FolderRequestException>(action);

    internal static List<string> Paths(IEnumerable<FolderInfo> folders) => [.. folders.Select(f => f.Path)];

    internal static async Task<MailKit.Net.Imap.ImapClient> ConnectAsync(string user, string server)
    {
        var client = new MailKit.Net.Imap.ImapClient();
        await client.ConnectAsync(server, MailStack.ImapPort, MailKit.Security.SecureSocketOptions.None);
        await client.AuthenticateAsync(user, MailStack.TestPassword);
        return client;
    }

    private static async Task AppendAsync(string user, string server, string path, int count)
    {
        using var client = await ConnectAsync(user, server);
        var folder = await client.GetFolderAsync(path);
        for (var i = 0; i < count; i++)
        {
            var message = new MimeMessage { Subject = $"note {i}" };
            message.From.Add(MailboxAddress.Parse("a@a.example"));
            message.To.Add(MailboxAddress.Parse(user));
            message.Body = new TextPart("plain") { Text = "hello" };
            await folder.AppendAsync(new AppendRequest(message));
        }

        await client.DisconnectAsync(true);
    }
}
