using MailKit;
using MailKit.Search;
using MimeKit;
using WebMail.Mail.Compose;
using WebMail.Mail.Model;
using WebMail.Mail.Tests.Sending;
using WebMail.Mail.Tests.Sessions;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Compose;

/// <summary>Writing mail through the real Postfix → Dovecot path.</summary>
public sealed class SendAndDraftTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("webmail-compose-").FullName;

    [Fact]
    public async Task Send_TextHtmlAttachment_ArrivesWithHeadersAndStructureAndCopyInSent()
    {
        await using var host = new MailTestHost();
        var (alice, bob, carol) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"), MailStack.NewUser("carol"));
        using var lease = host.Pool.Lease(alice);
        var draft = Draft.Empty($"Alice <{alice}>") with
        {
            To = $"Bob <{bob}>",
            Bcc = carol,
            Subject = "Grüße – the plan",
            TextBody = "Plain version, with ünïcode.",
            HtmlBody = "<p>Rich <b>version</b></p>",
            Attachments = [Attachment("plan.txt", "text/plain", "step 1\r\nstep 2\r\n"u8.ToArray())],
        };

        var result = await lease.Session.Sending.SendAsync(draft, SmtpSenderTests.Sender(new MailTestHost.TestCredentials()));

        Assert.Equal(SendResult.Sent, result);
        var received = await FetchOnlyAsync(bob, "INBOX");
        Assert.Equal("Grüße – the plan", received.Subject);
        Assert.Equal(alice, received.From.Mailboxes.Single().Address);
        Assert.False(string.IsNullOrEmpty(received.MessageId));
        Assert.NotEqual(DateTimeOffset.MinValue, received.Date);
        Assert.Empty(received.Bcc);
        Assert.Equal("multipart/mixed", received.Body?.ContentType.MimeType);
        Assert.Equal("Plain version, with ünïcode.", received.TextBody?.Trim());
        Assert.Contains("<b>version</b>", received.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("plan.txt", received.Attachments.Single().ContentDisposition?.FileName);
        Assert.Equal("Grüße – the plan", (await FetchOnlyAsync(carol, "INBOX")).Subject);
        var sent = await FetchOnlyAsync(alice, "Sent");
        Assert.Equal(received.MessageId, sent.MessageId);
        Assert.Equal(carol, sent.Bcc.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Reply_SentToAThread_ThreadsWithOriginalAndMarksItAnswered()
    {
        await using var host = new MailTestHost();
        var (alice, bob, watcher) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"), MailStack.NewUser("cc"));
        var original = ImapSessionPoolTests.Message("Quarterly numbers");
        original.From.Clear();
        original.From.Add(MailboxAddress.Parse(bob));
        original.To.Clear();
        original.To.Add(MailboxAddress.Parse(alice));
        original.Cc.Add(MailboxAddress.Parse(watcher));
        original.MessageId = "quarterly-1@example.test";
        await MailStack.DeliverAsync(original, alice);
        await MailStack.DeliverAsync(original, watcher);
        await MailStack.WaitForInboxAsync(alice, 1);
        using var lease = host.Pool.Lease(alice);
        var id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single().Id;

        var reply = await lease.Session.Drafts.CreateReplyAsync(id, ReplyKind.ReplyAll, alice, [alice], _temp);
        await lease.Session.Sending.SendAsync(reply with { TextBody = "Looks good." + reply.TextBody }, SmtpSenderTests.Sender(new MailTestHost.TestCredentials()));

        Assert.Equal("Re: Quarterly numbers", reply.Subject);
        Assert.Equal(bob, reply.To);
        Assert.Equal(watcher, reply.Cc);
        await MailStack.WaitForInboxAsync(watcher, 2);
        using var client = await MailStack.ConnectAsync(watcher);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var threads = await client.Inbox.ThreadAsync(ThreadingAlgorithm.References, SearchQuery.All);
        var thread = Assert.Single(threads);
        Assert.Single(thread.Children);
        var answered = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single();
        Assert.True(answered.Answered);
    }

    [Fact]
    public async Task Send_TwentyMegabyteAttachment_BytesRoundTripExactly()
    {
        await using var host = new MailTestHost();
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        var bytes = new byte[20 * 1024 * 1024];
        new Random(20).NextBytes(bytes);
        using var lease = host.Pool.Lease(alice);

        await lease.Session.Sending.SendAsync(
            Draft.Empty(alice) with { To = bob, Subject = "Big file", TextBody = "Attached.", Attachments = [Attachment("big.bin", "application/octet-stream", bytes)] },
            SmtpSenderTests.Sender(new MailTestHost.TestCredentials()), saveToSent: false);

        await MailStack.WaitForInboxAsync(bob, 1);
        await using var bobHost = new MailTestHost();
        using var bobLease = bobHost.Pool.Lease(bob);
        var view = await bobLease.Session.Messages.GetMessageAsync((await bobLease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single().Id);
        var part = await bobLease.Session.Messages.GetPartInfoAsync(view.Id, view.Attachments.Single().PartId);
        using var copy = new MemoryStream();
        await bobLease.Session.Messages.CopyPartToAsync(view.Id, part, copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task SaveDraft_Twice_LeavesExactlyOneDraftThatReopensWithTextAndAttachment()
    {
        await using var host = new MailTestHost();
        var alice = MailStack.NewUser("alice");
        using var lease = host.Pool.Lease(alice);
        var draft = Draft.Empty(alice) with { To = "bob@example.test, half-typed", Subject = "Work in progress", TextBody = "First words" };

        var first = await lease.Session.Drafts.SaveDraftAsync(draft);
        draft = draft with { TextBody = "First words, and more", SavedAs = first, Attachments = [Attachment("notes.txt", "text/plain", "n"u8.ToArray())] };
        var second = await lease.Session.Drafts.SaveDraftAsync(draft);

        var drafts = await lease.Session.Messages.GetMessagesAsync("Drafts", 0, 10);
        Assert.Equal(second, Assert.Single(drafts.Rows).Id);
        var reopened = await lease.Session.Drafts.OpenDraftAsync(second, _temp);
        Assert.Equal("First words, and more", reopened.TextBody.Trim());
        Assert.Equal("bob@example.test, half-typed", reopened.To);
        Assert.Equal("notes.txt", reopened.Attachments.Single().FileName);
        Assert.Equal("n", await File.ReadAllTextAsync(reopened.Attachments.Single().TempPath));
        Assert.Equal(second, reopened.SavedAs);
    }

    [Fact]
    public async Task OpenDraft_ReplacedByANewerCopy_TheOldAddressSaysSoAndTheComposeIdOpensTheNewest()
    {
        // A reload after an app restart races the beacon that saves the last keystrokes: the copy the page found is
        // replaced before it is opened.
        await using var host = new MailTestHost();
        var alice = MailStack.NewUser("alice");
        using var lease = host.Pool.Lease(alice);
        var draft = Draft.Empty(alice) with { Subject = "Across a restart", TextBody = "Typed before", ComposeId = Guid.NewGuid() };
        var first = await lease.Session.Drafts.SaveDraftAsync(draft);
        var second = await lease.Session.Drafts.SaveDraftAsync(draft with { TextBody = "Typed before and after", SavedAs = first });

        var gone = await Assert.ThrowsAsync<MailItemNotFoundException>(() => lease.Session.Drafts.OpenDraftAsync(first, _temp));
        Assert.Contains("no longer exists", gone.Message, StringComparison.Ordinal);
        var latest = await lease.Session.Drafts.OpenLatestDraftAsync(draft.ComposeId!.Value, _temp);
        Assert.Equal(second, latest?.Id);
        Assert.Equal("Typed before and after", latest?.Draft.TextBody.Trim());
        Assert.Null(await lease.Session.Drafts.OpenLatestDraftAsync(Guid.NewGuid(), _temp));
    }

    [Fact]
    public async Task Send_RefusedByServer_KeepsTheDraftAndGivesTheReason()
    {
        await using var host = new MailTestHost();
        var alice = MailStack.NewUser("alice");
        using var lease = host.Pool.Lease(alice);
        var draft = Draft.Empty(alice) with { To = "someone@elsewhere.example", Subject = "Will be refused", TextBody = "Keep me." };

        var result = await lease.Session.Sending.SendAsync(draft, SmtpSenderTests.Sender(new MailTestHost.TestCredentials()));

        Assert.Equal(SendOutcome.NotSent, result.Outcome);
        Assert.Contains("Relay access denied", result.Reason, StringComparison.Ordinal);
        var kept = Assert.Single((await lease.Session.Messages.GetMessagesAsync("Drafts", 0, 10)).Rows);
        Assert.Equal("Will be refused", kept.Subject);
        Assert.Equal(kept.Id, result.KeptAs);
        Assert.Equal(0, (await lease.Session.Messages.GetMessagesAsync("Sent", 0, 10)).Total);
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private DraftAttachment Attachment(string name, string type, byte[] bytes)
    {
        var path = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, bytes);
        return new DraftAttachment(name, type, path, bytes.Length);
    }

    private static async Task<MimeMessage> FetchOnlyAsync(string user, string folder)
    {
        if (folder == "INBOX")
        {
            await MailStack.WaitForInboxAsync(user, 1);
        }

        using var client = await MailStack.ConnectAsync(user);
        var f = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        await f.OpenAsync(FolderAccess.ReadOnly);
        return await f.GetMessageAsync(f.Count - 1);
    }
}
