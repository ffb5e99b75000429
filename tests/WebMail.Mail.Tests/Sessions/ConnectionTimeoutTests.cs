using System.Collections.Concurrent;
using System.Diagnostics;
using WebMail.Mail.Sessions;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sessions;

/// <summary>A server that stops answering mid-command: every command is bounded by Imap:TimeoutSeconds and the session recovers.</summary>
public sealed class ConnectionTimeoutTests
{
    [Fact]
    public async Task Command_ServerStopsAnswering_FailsWithinTheTimeoutSaysSoAndReconnects()
    {
        var user = MailStack.NewUser("frozen");
        await MailStack.DeliverAsync(ImapSessionPoolTests.Message("Still here"), user);
        await MailStack.WaitForInboxAsync(user, 1);
        var log = new CommandLog();
        await using var host = new MailTestHost(protocolLogger: () => log, timeoutSeconds: 3);
        using var lease = host.Pool.Lease(user);
        var states = new ConcurrentQueue<ConnectionState>();
        lease.Session.Connection.StatusChanged += s => states.Enqueue(s.State);
        lease.Session.StartWatching();
        await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);
        await Until.TrueAsync(() => log.Commands.LastOrDefault() == "IDLE", "the session idles", detail: () => string.Join(",", log.Commands));

        MailUnavailableException failure;
        var clock = Stopwatch.StartNew();
        using (await DovecotFreezer.FreezeUserAsync(user))
        {
            failure = await Assert.ThrowsAsync<MailUnavailableException>(() => lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10));
            clock.Stop();
        }

        // Without the timeout the command would wait as long as the freeze lasts; three timeouts leave room for a busy machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3 * 3), $"the command failed after {clock.Elapsed}");
        Assert.Contains("did not answer within 3 seconds", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(MailStack.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
        Assert.Contains(ConnectionState.Unavailable, states);

        // The server answers again: the next command gets through on a new connection.
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);
        Assert.Equal("Still here", Assert.Single(page.Rows).Subject);
        await Until.TrueAsync(() => lease.Session.Connection.Status.State == ConnectionState.Connected, "the status clears after recovery", detail: () => $"(still {lease.Session.Connection.Status.State}; states seen: {string.Join(",", states)})");
    }
}
