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

    [Fact]
    public async Task Command_WaitingForTheNextReconnectPastItsDeadline_FailsWithTheSentence_NotAsACancellation()
    {
        // A server that takes connections and never greets (a hung machine behind a live port).
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(backlog: 16);
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        await using var host = new MailTestHost(port: port, timeoutSeconds: 2, maxReconnectDelayMilliseconds: 1000);
        using var lease = host.Pool.Lease(MailStack.NewUser("silent"));

        // A first failure: the next attempt is held back 500 ms, the one after that 1 s.
        await Assert.ThrowsAsync<MailUnavailableException>(() => lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10));
        await Task.Delay(TimeSpan.FromSeconds(0.6));

        // A tries to connect for its whole 2 s; B, half a second later, gets the connection when A gives up and finds
        // the next attempt 1 s away, past its own deadline. B's 2 s run out while it waits: the user is told the server
        // does not answer. Before, the wait's cancellation escaped as an OperationCanceledException, and A's greeting
        // time-out, when MailKit's 2 s and the deadline's ran out together, as a TimeoutException: no page catches either,
        // so the tab's circuit ended with "Opening…" on the screen.
        var first = lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        var clock = Stopwatch.StartNew();
        var second = await Assert.ThrowsAsync<MailUnavailableException>(() => lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10));
        clock.Stop();
        await Assert.ThrowsAsync<MailUnavailableException>(() => first);

        Assert.Contains("did not answer within 2 seconds", second.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2 * 3), $"the command failed after {clock.Elapsed}");
        Assert.Equal(ConnectionState.Unavailable, lease.Session.Connection.Status.State);
    }
}
