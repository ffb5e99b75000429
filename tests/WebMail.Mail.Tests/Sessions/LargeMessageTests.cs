using MailKit;
using MimeKit;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sessions;

public sealed class LargeMessageTests
{
    [Fact]
    public async Task GetMessage_50MegabyteMessage_OpensWithoutDownloadingIt()
    {
        var user = MailStack.NewUser("big");
        var payload = new byte[50 * 1024 * 1024];
        new Random(7).NextBytes(payload);
        var message = new MimeMessage { Subject = "Fifty megabytes" };
        message.From.Add(new MailboxAddress("Sender", "sender@example.org"));
        message.To.Add(MailboxAddress.Parse(user));
        var builder = new BodyBuilder { TextBody = "The archive is attached." };
        builder.Attachments.Add("archive.bin", payload, new ContentType("application", "octet-stream"));
        message.Body = builder.ToMessageBody();
        using (var client = await MailStack.ConnectAsync(user))
        {
            await client.Inbox.AppendAsync(message);
            await client.DisconnectAsync(true);
        }

        var counter = new CountingProtocolLogger();
        await using var host = new MailTestHost(protocolLogger: () => counter);
        using var lease = host.Pool.Lease(user);
        var row = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single();
        var before = counter.ServerBytes;

        var view = await lease.Session.Messages.GetMessageAsync(row.Id);

        Assert.Equal("The archive is attached.", view.Body.Text?.Trim());
        Assert.Equal("archive.bin", Assert.Single(view.Attachments).FileName);
        Assert.True(row.Size > 50 * 1024 * 1024);
        Assert.True(counter.ServerBytes - before < 64 * 1024, $"opening the message downloaded {counter.ServerBytes - before} bytes");
    }

    /// <summary>Counts what the server sent, without keeping any of it.</summary>
    private sealed class CountingProtocolLogger : IProtocolLogger
    {
        private long _serverBytes;

        public long ServerBytes => Interlocked.Read(ref _serverBytes);

        public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

        public void LogConnect(Uri uri)
        {
        }

        public void LogClient(byte[] buffer, int offset, int count)
        {
        }

        public void LogServer(byte[] buffer, int offset, int count) => Interlocked.Add(ref _serverBytes, count);

        public void Dispose()
        {
        }
    }
}
