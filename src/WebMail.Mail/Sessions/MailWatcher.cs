using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Configuration;
using WebMail.Mail.Model;

namespace WebMail.Mail.Sessions;

/// <summary>
/// Watches the user's mailbox between commands: IDLE on the selected folder (re-armed before server
/// time-outs), NOTIFY for every folder's counts where offered, NOOP polling where IDLE is missing. MailKit's
/// folder events only record what happened; a round of the loop then fetches the details once and hands the
/// change to <see cref="Changed"/> (the user's mailbox view). The loop is supervised: whatever fails in a
/// round, or in what consumes a change, is logged and the loop goes on, restarting with backoff if it ever ends.
/// </summary>
public sealed partial class MailWatcher : IConnectionObserver, IAsyncDisposable
{
    private readonly MailConnection _connection;
    private readonly MailSessionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentQueue<RawEvent> _events = new();
    private readonly ConcurrentDictionary<string, FolderStatus> _statusChanged = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _startLock = new();
    private Task? _supervisor;
    private CancellationTokenSource? _idleDone;
    private int _poked;
    private int _restarts;

    internal MailWatcher(MailConnection connection, MailSessionOptions options, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _options = options;
        _time = time;
        _logger = logger;
        connection.Observer = this;
    }

    /// <summary>Receives every change, on the watcher's loop (never under the gate). Exceptions thrown here are logged and do not stop the loop.</summary>
    internal Action<MailboxChange>? Changed { get; set; }

    /// <summary>How many times the loop had to be restarted after an unexpected failure.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>The watcher asks the server now (a push said there is news), instead of waiting for IDLE.</summary>
    public void Poke()
    {
        Interlocked.Exchange(ref _poked, 1);
        Wake();
    }

    /// <summary>Starts the loop once; it runs until disposed.</summary>
    public void Start()
    {
        lock (_startLock)
        {
            _supervisor ??= Task.Run(SuperviseAsync);
        }
    }

    public void Wake()
    {
        try
        {
            Volatile.Read(ref _idleDone)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // That IDLE already ended.
        }
    }

    void IConnectionObserver.CommandFinished()
    {
        // Nothing to do: the loop waits on the gate and takes it when the last command is done.
    }

    private async Task SuperviseAsync()
    {
        var token = _lifetime.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await LoopAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The supervisor exists to survive anything: it logs and restarts the loop.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var restarts = Interlocked.Increment(ref _restarts);
                LogLoopRestarted(_logger, ex.GetType().Name, restarts);
                await DelayQuietlyAsync(Backoff(restarts), token).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan Backoff(int failures) => TimeSpan.FromMilliseconds(Math.Min(_options.MaxReconnectDelayMilliseconds, 250 * (1 << Math.Min(failures, 8))));

    private async Task LoopAsync(CancellationToken token)
    {
        var failures = 0;
        while (!token.IsCancellationRequested)
        {
            IReadOnlyList<MailboxChange> changes = [];
            await _connection.WaitGateAsync(token).ConfigureAwait(false);
            try
            {
                changes = await RoundAsync(token).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (MailConnection.IsConnectionLoss(ex) || ex is MailUnavailableException or ImapCommandException or OperationCanceledException)
            {
                // Logged, retried with backoff; never shown to anyone as an exception. The connection state tells the user.
                LogWatchFailed(_logger, ex.GetType().Name);
                failures++;
                await _connection.DropAsync(failures > 1 || ex is MailUnavailableException or OperationCanceledException ? ConnectionState.Unavailable : ConnectionState.Reconnecting).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MailException or FolderNotFoundException)
            {
                // Signed out, or the folder went away: try again after a while (a command may have fixed it).
                LogWatchFailed(_logger, ex.GetType().Name);
                failures++;
            }
            finally
            {
                _connection.ReleaseGate();
            }

            Publish(changes);
            if (failures > 0)
            {
                await DelayQuietlyAsync(Backoff(failures), token).ConfigureAwait(false);
            }
            else if (_connection.HasPendingCommands)
            {
                // Let waiting commands go first.
                await Task.Yield();
            }
        }
    }

    private void Publish(IReadOnlyList<MailboxChange> changes)
    {
        foreach (var change in changes.Concat(TakeStatusChanges()))
        {
            if (change.IsEmpty)
            {
                continue;
            }

            ImapSessionPool.Metrics.PushEvent(change);
            try
            {
                Changed?.Invoke(change);
            }
#pragma warning disable CA1031 // A consumer's failure must never end live mail for the user.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogConsumerFailed(_logger, ex.GetType().Name);
            }
        }
    }

    /// <summary>One round under the gate: connect if needed, report what happened, then IDLE until woken.</summary>
    private async Task<IReadOnlyList<MailboxChange>> RoundAsync(CancellationToken token)
    {
        if (_connection.HasPendingCommands)
        {
            return [];
        }

        var context = await _connection.EnsureConnectedAsync(token, failFast: false).ConfigureAwait(false);
        var client = context.Client;
        var folder = context.Selected is { IsOpen: true } selected ? selected : await context.SelectAsync(_watch?.Folder ?? "INBOX", token).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _poked, 0) == 1)
        {
            // A push (or a command) says the server has news: NOOP makes Dovecot report it now.
            await client.NoOpAsync(token).ConfigureAwait(false);
        }

        await EnableNotifyAsync(context, token).ConfigureAwait(false);
        var changes = await CollectAsync(context, folder, token).ConfigureAwait(false);
        if (changes.Count > 0 || _connection.HasPendingCommands || Volatile.Read(ref _poked) == 1)
        {
            return changes;
        }

        await IdleAsync(client, folder, token).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _poked, 0) == 1)
        {
            await client.NoOpAsync(token).ConfigureAwait(false);
        }

        return await CollectAsync(context, folder, token).ConfigureAwait(false);
    }

    /// <summary>
    /// IDLE covers the selected folder and, with NOTIFY, every personal folder's counts. Without NOTIFY the inbox
    /// is checked by STATUS at least every PollIntervalSeconds while another folder is selected. Once IDLE is asked
    /// to end, the server has <see cref="MailConnection.CommandTimeout"/> to confirm; a server that stopped answering
    /// makes this throw, and the connection is dropped.
    /// </summary>
    private async Task IdleAsync(ImapClient client, IMailFolder folder, CancellationToken token)
    {
        var idleFor = IsInbox(folder) || _notifyActive ? _options.IdleRearmSeconds : Math.Min(_options.IdleRearmSeconds, _options.PollIntervalSeconds);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(idleFor), _time);
        using var hard = CancellationTokenSource.CreateLinkedTokenSource(token);
        using var arm = done.Token.Register(() => hard.CancelAfter(_connection.CommandTimeout));
        Volatile.Write(ref _idleDone, done);
        try
        {
            // Re-check after publishing the done token: a command or poke that came in between must not wait out an IDLE.
            if (_connection.HasPendingCommands || Volatile.Read(ref _poked) == 1 || !_events.IsEmpty || !_statusChanged.IsEmpty)
            {
                return;
            }

            if ((client.Capabilities & ImapCapabilities.Idle) != 0)
            {
                await client.IdleAsync(done.Token, hard.Token).ConfigureAwait(false);
            }
            else
            {
                await DelayQuietlyAsync(TimeSpan.FromSeconds(_options.PollIntervalSeconds), done.Token).ConfigureAwait(false);
                await client.NoOpAsync(hard.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _idleDone, null);
        }
    }

    private async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, _time, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Woken early: that is the point.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        Wake();
        if (_supervisor is { } running)
        {
            try
            {
                await running.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A round stuck in a command ends when the connection is closed.
            }
        }

        _lifetime.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the mailbox failed ({Error}); retrying")]
    private static partial void LogWatchFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mailbox watcher failed unexpectedly ({Error}); restarted (restart {Count})")]
    private static partial void LogLoopRestarted(ILogger logger, string error, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A consumer of mailbox changes failed ({Error}); live mail goes on")]
    private static partial void LogConsumerFailed(ILogger logger, string error);
}
