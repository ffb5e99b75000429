using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sending;
using WebMail.Mail.Tests.Sessions;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sending;

public sealed class SmtpSenderTests
{
    [Fact]
    public async Task Send_WithPassword_ArrivesThroughPostfixInRecipientsInbox()
    {
        var (sender, recipient) = (MailStack.NewUser("from"), MailStack.NewUser("to"));
        var message = Message(sender, recipient, "Submitted with a password");

        await Sender(new MailTestHost.TestCredentials()).SendAsync(sender, message);

        await MailStack.WaitForInboxAsync(recipient, 1);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(recipient);
        var row = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single();
        Assert.Equal("Submitted with a password", row.Subject);
        Assert.Equal(sender, row.From?.Address);
    }

    [Fact]
    public async Task Send_RecipientOutsideTheServer_RefusedWithServersReason()
    {
        var sender = MailStack.NewUser("from");
        var message = Message(sender, "someone@elsewhere.example", "Nowhere to go");

        var ex = await Assert.ThrowsAsync<MailCommandException>(() => Sender(new MailTestHost.TestCredentials()).SendAsync(sender, message));

        Assert.Contains("Relay access denied", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WrongPassword_SaysSignInWasRefused()
    {
        var sender = MailStack.NewUser("from");

        var ex = await Assert.ThrowsAsync<MailAuthenticationException>(() =>
            Sender(new FixedCredential(new PasswordCredential(sender, "wrong"))).SendAsync(sender, Message(sender, MailStack.NewUser("to"), "x")));

        Assert.Contains("did not accept your sign-in", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ServerAcceptsTheMessageThenNeverAnswersQuit_CountsAsSent()
    {
        // A server that queues the message ("250 queued") and then hangs on QUIT: the message is on its way, so the send
        // succeeds. Reporting "not sent" here would have the user send it again: a duplicate in every inbox.
        using var server = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        server.Start();
        var port = ((System.Net.IPEndPoint)server.LocalEndpoint).Port;
        var senderDone = new TaskCompletionSource();
        var conversation = Task.Run(async () =>
        {
            using var socket = await server.AcceptTcpClientAsync();
            var stream = socket.GetStream();
            using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
            await using var writer = new StreamWriter(stream, System.Text.Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            var commands = new List<string>();
            await writer.WriteLineAsync("220 hangs.example ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                commands.Add(line.Split(' ')[0].ToUpperInvariant());
                switch (commands[^1])
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-hangs.example");
                        await writer.WriteLineAsync("250 AUTH PLAIN LOGIN");
                        break;
                    case "AUTH":
                        await writer.WriteLineAsync("235 2.7.0 accepted");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 go on");
                        while (await reader.ReadLineAsync() is { } data && data != ".")
                        {
                        }

                        await writer.WriteLineAsync("250 2.0.0 queued as 1234");
                        break;
                    case "QUIT":
                        // No answer, the connection kept open, until the sender has given up on it.
                        await senderDone.Task.WaitAsync(TimeSpan.FromSeconds(60));
                        return commands;
                    default:
                        await writer.WriteLineAsync("250 2.1.0 ok");
                        break;
                }
            }

            return commands;
        });
        var sender = MailStack.NewUser("from");
        var hanging = new SmtpSender(Options.Create(new SmtpOptions { Host = MailStack.Host, Port = port, Security = MailSecurity.None, TimeoutSeconds = 1 }), new MailTestHost.TestCredentials(), NullLogger<SmtpSender>.Instance);

        try
        {
            await hanging.SendAsync(sender, Message(sender, "someone@hangs.example", "Queued, then silence"));
        }
        finally
        {
            senderDone.SetResult();
        }

        Assert.Contains("QUIT", await conversation.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task Send_ServerDown_SaysNotSent()
    {
        var sender = MailStack.NewUser("from");
        var down = new SmtpSender(Options.Create(new SmtpOptions { Host = MailStack.Host, Port = 1, Security = MailSecurity.None }), new MailTestHost.TestCredentials(), NullLogger<SmtpSender>.Instance);

        var ex = await Assert.ThrowsAsync<MailUnavailableException>(() => down.SendAsync(sender, Message(sender, MailStack.NewUser("to"), "x")));

        Assert.Contains("was not sent", ex.Message, StringComparison.Ordinal);
    }

    internal static SmtpSender Sender(IMailCredentialSource credentials) =>
        new(Options.Create(new SmtpOptions { Host = MailStack.Host, Port = MailStack.SubmissionPort, Security = MailSecurity.StartTls, TrustedCertificatePath = MailStack.CertificatePath }),
            credentials, NullLogger<SmtpSender>.Instance);

    internal static MimeMessage Message(string from, string to, string subject)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Hello from the tests." } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    internal sealed class FixedCredential(MailCredential credential) : IMailCredentialSource
    {
        public ValueTask<MailCredential?> GetCredentialAsync(string userName, CancellationToken cancellationToken = default) => ValueTask.FromResult<MailCredential?>(credential);
    }
}
