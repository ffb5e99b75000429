using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using WebMail.Testing;

namespace WebMail.EndToEnd.Tests;

/// <summary>The counting proxy the command-count test relies on, checked against a MailKit client whose commands are known.</summary>
public sealed class ImapCommandCounterTests
{
    [Fact]
    public async Task KnownSession_CountsEachTaggedCommandOnce_NotDoneOrLiteralsOrSaslResponses()
    {
        await using var counter = ImapCommandCounter.Start();
        var user = MailStack.NewUser("counter");
        using var client = new ImapClient();
        await client.ConnectAsync(MailStack.Host, counter.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, MailStack.TestPassword);
        counter.Reset();

        // A message whose body holds lines that look like commands: inside a literal, they must not count.
        var message = new MimeMessage { Subject = "Literal", Body = new TextPart("plain") { Text = "A1 NOOP\r\nDONE\r\nA2 LOGOUT\r\n{5}\r\n" } };
        message.From.Add(new MailboxAddress("", "a@example.org"));
        await client.Inbox.AppendAsync(new AppendRequest(message));
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var rows = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure);
        Assert.Contains("A2 LOGOUT", (await client.Inbox.GetMessageAsync(rows[0].UniqueId)).TextBody, StringComparison.Ordinal);
        using (var done = new CancellationTokenSource())
        {
            var idle = client.IdleAsync(done.Token);
            await counter.WaitUntilAsync(s => s.AllIdle(user), TimeSpan.FromSeconds(10));
            await done.CancelAsync();
            await idle;
        }

        await client.NoOpAsync();
        var seen = counter.Snapshot();

        Assert.Equal(["APPEND", "SELECT", "FETCH", "UID FETCH", "IDLE", "NOOP"], seen.CommandsOf(user));
        Assert.False(seen.AllIdle(user));
        Assert.Single(seen.OpenFor(user));
        await client.DisconnectAsync(true);
    }
}
