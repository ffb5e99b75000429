using System.Diagnostics;
using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Testing.Web;
using Xunit.Abstractions;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// The real fast path: Postfix → Dovecot LMTP → push_notification (ox driver) → PUT to the app on
/// WEBMAIL_PUSH_PORT with WEBMAIL_PUSH_SECRET (both from <c>mailstack.sh env</c>).
/// </summary>
/// <remarks>In the browser collection: the app holds the one push port, so nothing else may run meanwhile.</remarks>
[Collection(BrowserCollection.Name)]
public sealed class DovecotPushTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Delivery_UserWithSession_DovecotPokesThatUsersSession()
    {
        await using var app = StartApp();
        var user = MailStack.NewUser("push");
        using var lease = app.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        using var pokes = new Pokes(app);

        await MailStack.DeliverAsync(Message(user, "Hello push"), user);

        await pokes.NextAsync();
    }

    /// <summary>Delivery→push latency: SMTP transaction end (250 after DATA) → the app's handler ran. Reported, not a benchmark gate.</summary>
    [Fact]
    public async Task Deliveries_TwentyInARow_EachPushedSoonAfterSmtp()
    {
        await using var app = StartApp();
        var user = MailStack.NewUser("push");
        using var lease = app.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        using var pokes = new Pokes(app);
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(MailStack.Host, MailStack.SmtpPort, SecureSocketOptions.None);

        var latencies = new List<double>();
        for (var i = 1; i <= 20; i++)
        {
            await smtp.SendAsync(Message(user, $"Push {i}"));
            var sent = Stopwatch.GetTimestamp();
            var arrived = await pokes.NextAsync();
            latencies.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
        }

        await smtp.DisconnectAsync(true);
        latencies.Sort();
        output.WriteLine($"SMTP end → push handled, 20 deliveries: median {Percentile(latencies, 0.5):F1} ms, p95 {Percentile(latencies, 0.95):F1} ms, " +
            $"min {latencies[0]:F1} ms, max {latencies[^1]:F1} ms");
        Assert.Equal(20, latencies.Count);
    }

    private static KestrelWebMailFactory StartApp()
    {
        var port = int.TryParse(Environment.GetEnvironmentVariable("WEBMAIL_PUSH_PORT"), out var p) ? p : 5080;
        var app = new KestrelWebMailFactory(port: port).With("WebMail:PushNotifications:Secret", PushSecret());
        try
        {
            app.StartServer();
        }
        catch (IOException ex)
        {
            app.Dispose();
            throw new InvalidOperationException($"Cannot listen on {port}, where the mail stack sends push notifications (WEBMAIL_PUSH_PORT): is deploy/run.sh's app running?", ex);
        }

        return app;
    }

    /// <summary>The secret the running Dovecot sends: exported by <c>mailstack.sh env</c>, else read from the stack's data folder.</summary>
    private static string PushSecret()
    {
        if (Environment.GetEnvironmentVariable("WEBMAIL_PUSH_SECRET") is { Length: > 0 } secret)
        {
            return secret;
        }

        var file = Path.Combine(MailStack.StackDirectory, "push", "secret");
        return File.Exists(file)
            ? File.ReadAllText(file).Trim()
            : throw new InvalidOperationException($"No push secret: export WEBMAIL_PUSH_SECRET (eval \"$(deploy/mailstack/mailstack.sh env)\") or start the mail stack ({file} is missing).");
    }

    private static MimeMessage Message(string user, string subject) => new(
        [new MailboxAddress("Push Sender", "sender@example.org")],
        [MailboxAddress.Parse(user)],
        subject,
        new TextPart("plain") { Text = "Delivered through Postfix and Dovecot LMTP." });

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

    /// <summary>
    /// Sessions poked by the app's push endpoint (its <c>webmail.push.notifications</c>, this app instance only).
    /// Other test runs may deliver mail through the shared stack meanwhile; only this test's user has a session here.
    /// </summary>
    private sealed class Pokes : IDisposable
    {
        private readonly Channel<long> _poked = Channel.CreateUnbounded<long>();
        private readonly PushMeter _meter;

        public Pokes(KestrelWebMailFactory app) => _meter = new PushMeter(app.Services, (result, session) =>
        {
            var now = Stopwatch.GetTimestamp();
            if (result == "accepted" && session == "poked")
            {
                _poked.Writer.TryWrite(now);
            }
            else if (result != "accepted")
            {
                // A rejected push from the real Dovecot means the stack and the app disagree (secret, format).
                _poked.Writer.TryComplete(new InvalidOperationException($"the app refused Dovecot's push: {result}"));
            }
        });

        /// <summary>When the next session poke happened (Stopwatch timestamp).</summary>
        public async Task<long> NextAsync()
        {
            using var timeout = new CancellationTokenSource(Patience);
            return await _poked.Reader.ReadAsync(timeout.Token);
        }

        public void Dispose() => _meter.Dispose();
    }
}
