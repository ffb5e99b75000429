using MailKit;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Receipts;
using WebMail.Mail.Tests.Sending;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Receipts;

/// <summary>A read receipt through the real Postfix → Dovecot path, and the answer kept on the message.</summary>
public sealed class ReadReceiptRoundTripTests
{
    [Fact]
    public async Task SendReadReceipt_RequestFromAnotherUser_ArrivesInTheirInboxAndTheOriginalIsMarkedMdnSent()
    {
        await using var host = new MailTestHost();
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        var original = new MimeMessage { Subject = "Please confirm", MessageId = $"confirm-{Guid.NewGuid():N}@test.example" };
        original.From.Add(MailboxAddress.Parse(bob));
        original.To.Add(MailboxAddress.Parse(alice));
        original.Headers.Add("Disposition-Notification-To", bob);
        original.Body = new TextPart("plain") { Text = "Did you see this?" };
        await MailStack.DeliverAsync(original, alice);
        await MailStack.WaitForInboxAsync(alice, 1);
        using var lease = host.Pool.Lease(alice);
        var id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single().Id;
        var view = await lease.Session.Messages.GetMessageAsync(id);
        Assert.True(ReadReceipts.IsPending(view));

        await lease.Session.SendReadReceiptAsync(SmtpSenderTests.Sender(new MailTestHost.TestCredentials()), view, MailboxAddress.Parse(alice));

        await MailStack.WaitForInboxAsync(bob, 1);
        using (var client = await MailStack.ConnectAsync(bob))
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            using var receipt = await client.Inbox.GetMessageAsync(0);
            Assert.Equal("Read: Please confirm", receipt.Subject);
            var report = Assert.IsType<MultipartReport>(receipt.Body);
            Assert.Equal("disposition-notification", report.ReportType);
            var mdn = Assert.IsType<MessageDispositionNotification>(report[1]);
            Assert.Equal($"<{original.MessageId}>", mdn.Fields["Original-Message-ID"]);
            Assert.Equal($"rfc822; {alice}", mdn.Fields["Final-Recipient"]);
        }

        var reopened = await lease.Session.Messages.GetMessageAsync(id);
        Assert.Contains(ReadReceipts.SentKeyword, reopened.Keywords);
        Assert.False(ReadReceipts.IsPending(reopened));
    }

    [Fact]
    public async Task MarkReceiptHandled_Ignore_KeywordOnTheServerAndNoLongerPending()
    {
        await using var host = new MailTestHost();
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        var original = new MimeMessage { Subject = "Ignore me" };
        original.From.Add(MailboxAddress.Parse(bob));
        original.To.Add(MailboxAddress.Parse(alice));
        original.Headers.Add("Disposition-Notification-To", bob);
        original.Body = new TextPart("plain") { Text = "x" };
        await MailStack.DeliverAsync(original, alice);
        await MailStack.WaitForInboxAsync(alice, 1);
        using var lease = host.Pool.Lease(alice);
        var id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single().Id;

        await lease.Session.MarkReceiptHandledAsync(id);

        using var client = await MailStack.ConnectAsync(alice);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var summary = (await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags)).Single();
        Assert.Contains(ReadReceipts.SentKeyword, summary.Keywords);
        Assert.False(ReadReceipts.IsPending(await lease.Session.Messages.GetMessageAsync(id)));
        using var bobClient = await MailStack.ConnectAsync(bob);
        await bobClient.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(0, bobClient.Inbox.Count);
    }
}
