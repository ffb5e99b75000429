using WebMail.Mail.Compose;
using WebMail.Mail.Tests.Sending;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Compose;

/// <summary>What the user is told after Send, and what is left in Drafts, against the real Postfix and Dovecot.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the Sent-folder failure uses Unix file modes on the local stack
public sealed class SendOutcomeTests
{
    [Fact]
    public async Task Send_SentFolderRefusesTheCopy_ReportsSentButNotFiledAndRemovesTheDraft()
    {
        await using var host = new MailTestHost();
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        using var lease = host.Pool.Lease(alice);
        var draft = Draft.Empty(alice) with { To = bob, Subject = "Arrives anyway", TextBody = "Hello.", ComposeId = Guid.NewGuid() };
        draft = draft with { SavedAs = await lease.Session.Drafts.SaveDraftAsync(draft) };

        // Dovecot cannot write into Alice's Sent folder any more (as with a full disk or a broken mailbox).
        await lease.Session.Folders.GetFoldersAsync();
        var sent = Path.Combine(MailStack.StackDirectory, "mail", "test.example", alice.Split('@')[0], "Maildir", ".Sent");
        var writable = LockFolder(sent);
        SendResult result;
        try
        {
            result = await lease.Session.Sending.SendAsync(draft, SmtpSenderTests.Sender(new MailTestHost.TestCredentials()));
        }
        finally
        {
            UnlockFolder(sent, writable);
        }

        Assert.Equal(SendOutcome.SentNotFiled, result.Outcome);
        Assert.True(result.Delivered);
        Assert.StartsWith("A copy could not be filed in Sent.", result.Reason, StringComparison.Ordinal);
        await MailStack.WaitForInboxAsync(bob, 1);
        Assert.Equal(0, (await lease.Session.Messages.GetMessagesAsync("Drafts", 0, 10)).Total);
        Assert.Equal(0, (await lease.Session.Messages.GetMessagesAsync("Sent", 0, 10)).Total);
    }

    [Fact]
    public async Task Send_RefusedThenRetriedWithAFixedAddress_LeavesNoDraftBehind()
    {
        await using var host = new MailTestHost();
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        using var lease = host.Pool.Lease(alice);
        var sender = SmtpSenderTests.Sender(new MailTestHost.TestCredentials());
        var draft = Draft.Empty(alice) with { To = "bob@elsewhere.example", Subject = "Second try", TextBody = "Typo in the address." };

        var refused = await lease.Session.Sending.SendAsync(draft, sender);
        var retried = await lease.Session.Sending.SendAsync(draft with { To = bob, SavedAs = refused.KeptAs }, sender);

        Assert.Equal(SendOutcome.NotSent, refused.Outcome);
        Assert.NotNull(refused.KeptAs);
        Assert.Equal(SendOutcome.Sent, retried.Outcome);
        await MailStack.WaitForInboxAsync(bob, 1);
        Assert.Equal(0, (await lease.Session.Messages.GetMessagesAsync("Drafts", 0, 10)).Total);
        Assert.Equal(1, (await lease.Session.Messages.GetMessagesAsync("Sent", 0, 10)).Total);
    }

    [Fact]
    public async Task FindDraft_ByComposeId_NewestCopyOnlyAndOtherSessionsUntouched()
    {
        await using var host = new MailTestHost();
        var alice = MailStack.NewUser("alice");
        using var lease = host.Pool.Lease(alice);
        var (mine, other) = (Guid.NewGuid(), Guid.NewGuid());
        var otherDraft = await lease.Session.Drafts.SaveDraftAsync(Draft.Empty(alice) with { Subject = "Another tab", ComposeId = other });
        var draft = Draft.Empty(alice) with { Subject = "Restart-proof", TextBody = "First", ComposeId = mine };

        // Two saves that did not know of each other (the tab and its beacon): the later one wins, the earlier goes.
        var first = await lease.Session.Drafts.SaveDraftAsync(draft);
        var second = await lease.Session.Drafts.SaveDraftAsync(draft with { TextBody = "First and second" });
        var found = await lease.Session.Drafts.FindDraftAsync(mine);
        var reopened = await lease.Session.Drafts.OpenDraftAsync(found!.Value, Path.GetTempPath());

        Assert.Equal(second, found);
        Assert.NotEqual(first, second);
        Assert.Equal("First and second", reopened.TextBody.Trim());
        Assert.Equal(mine, reopened.ComposeId);
        Assert.NotNull(reopened.SavedAt);
        Assert.Equal(otherDraft, await lease.Session.Drafts.FindDraftAsync(other));
        Assert.Equal(2, (await lease.Session.Messages.GetMessagesAsync("Drafts", 0, 10)).Total);
        Assert.Null(await lease.Session.Drafts.FindDraftAsync(Guid.NewGuid()));
    }

    /// <summary>Takes write permission away from a maildir folder (the test runs as root, Dovecot as the mail user).</summary>
    private static UnixFileMode[] LockFolder(string maildir)
    {
        var parts = new[] { "tmp", "new", "cur" }.Select(p => Path.Combine(maildir, p)).ToArray();
        var modes = parts.Select(File.GetUnixFileMode).ToArray();
        foreach (var part in parts)
        {
            File.SetUnixFileMode(part, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        return modes;
    }

    private static void UnlockFolder(string maildir, UnixFileMode[] modes)
    {
        var parts = new[] { "tmp", "new", "cur" }.Select(p => Path.Combine(maildir, p)).ToArray();
        for (var i = 0; i < parts.Length; i++)
        {
            File.SetUnixFileMode(parts[i], modes[i]);
        }
    }
}
