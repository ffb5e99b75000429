using WebMail.Mail.Folders;
using WebMail.Mail.Model;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Folders;

/// <summary>What the folder tree shows (subscriptions), and special use where the server lets a client set it.</summary>
public sealed class FolderSubscriptionTests
{
    public static TheoryData<string> Hosts => [MailStack.Host, MailStack.BasicOrganizeHost, MailStack.CompatHost];

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task NeverSubscribedMailbox_ShowsAll_UnsubscribeHidesOnlyThatFolder(string server)
    {
        var user = MailStack.NewUser("subs");
        using (var client = await FolderManagerTests.ConnectAsync(user, server))
        {
            // Folders made by a script or a migration: never subscribed.
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            var old = (await root.CreateAsync("Old", true))!;
            await old.CreateAsync("Child", true);
            await root.CreateAsync("Letters", true);
            await client.DisconnectAsync(true);
        }

        await using var host = new MailTestHost(host: server);
        using var lease = host.Pool.Lease(user);
        var admin = lease.Session.FolderAdmin;
        var view = lease.Session.View;

        var all = await admin.ListAllAsync();
        Assert.All(all.Where(f => f.Role == FolderRole.None), f => Assert.False(f.Subscribed));
        Assert.Empty(view.HiddenFolders!);

        // The first unsubscribe subscribes the rest first: only that folder leaves the tree.
        await admin.SetSubscribedAsync("Letters", false);
        Assert.Equal(["Letters"], view.HiddenFolders!);
        all = await admin.ListAllAsync();
        Assert.True(all.Single(f => f.Path == "Old/Child").Subscribed);
        Assert.True(all.Single(f => f.Path == "INBOX").Subscribed);
        Assert.False(all.Single(f => f.Path == "Letters").Subscribed);

        // A parent stays while a child is shown; a new folder is subscribed; the last ordinary folder can go too.
        await admin.SetSubscribedAsync("Old", false);
        Assert.DoesNotContain("Old", view.HiddenFolders!);
        await admin.SetSubscribedAsync("Old/Child", false);
        Assert.Equal(["Letters", "Old", "Old/Child"], view.HiddenFolders!.Order(StringComparer.Ordinal));
        await admin.CreateAsync(null, "Fresh");
        Assert.True((await admin.ListAllAsync()).Single(f => f.Path == "Fresh").Subscribed);
        Assert.DoesNotContain("Fresh", view.HiddenFolders!);

        await admin.SetSubscribedAsync("Letters", true);
        Assert.DoesNotContain("Letters", view.HiddenFolders!);

        // Renaming keeps a subscription (Dovecot itself leaves it behind on the old name).
        await admin.RenameAsync("Letters", "Post");
        Assert.True((await admin.ListAllAsync()).Single(f => f.Path == "Post").Subscribed);
        Assert.DoesNotContain("Post", view.HiddenFolders!);

        Assert.Equal("The Inbox is always shown.", (await Assert.ThrowsAsync<FolderRequestException>(() => admin.SetSubscribedAsync("INBOX", false))).Message);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task SpecialUse_WithoutMetadata_NotOffered_AndSaysWhy(string server)
    {
        var user = MailStack.NewUser("spec");
        await using var host = new MailTestHost(host: server);
        using var lease = host.Pool.Lease(user);
        var admin = lease.Session.FolderAdmin;
        await admin.CreateAsync(null, "Old mail");

        // None of these servers lets a client set /private/specialuse (Dovecot 2.3 keeps it in its configuration).
        Assert.False(admin.CanSetSpecialUse);
        var refused = await Assert.ThrowsAsync<FolderRequestException>(() => admin.SetSpecialUseAsync("Old mail", FolderRole.Archive));
        Assert.Contains("does not let WebMail choose special folders", refused.Message, StringComparison.Ordinal);
        Assert.Equal(FolderRole.None, (await admin.ListAllAsync()).Single(f => f.Path == "Old mail").Role);
    }
}
