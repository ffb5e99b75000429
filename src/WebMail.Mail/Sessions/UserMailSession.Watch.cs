using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Model;

namespace WebMail.Mail.Sessions;

/// <summary>
/// Between commands the session watches the server: IDLE on the selected folder (re-armed before server
/// time-outs), or NOOP polling where IDLE is missing. MailKit's folder events only record what happened;
/// the loop then fetches the details and raises <see cref="Changed"/>. After a reconnect, the folder is
/// resynced by UID (and CONDSTORE mod-sequence where offered), so nothing delivered or changed during the
/// gap is missed or reported twice.
/// </summary>
public sealed partial class UserMailSession
{
    private readonly ConcurrentQueue<RawEvent> _events = new();
    private readonly CancellationTokenSource _lifetime = new();
    private Task? _watchTask;
    private CancellationTokenSource? _idleDone;
    private int _pendingCommands;
    private int _poked;
    private WatchState? _watch;
    private (int Count, int Unread)? _inboxStatus;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, int Count)> _statusChanged = new(StringComparer.Ordinal);
    private bool _notifyActive;
    private bool _notifyUnavailable;

    /// <summary>Raised (never under the session's gate) when the server reports a change in the watched folder.</summary>
    public event EventHandler<MailboxChange>? Changed;

    /// <summary>The watcher asks the server now (a push said there is news), instead of waiting for IDLE.</summary>
    public void Poke()
    {
        Interlocked.Exchange(ref _poked, 1);
        WakeWatcher();
    }

    /// <summary>Starts the watcher once; it runs until the session is disposed.</summary>
    public void StartWatching()
    {
        lock (_events)
        {
            _watchTask ??= Task.Run(WatchLoopAsync);
        }
    }

    private void WakeWatcher()
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

    private async Task WatchLoopAsync()
    {
        var token = _lifetime.Token;
        while (!token.IsCancellationRequested)
        {
            MailboxChange? change = null;
            try
            {
                await _gate.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    change = await WatchOnceAsync(token).ConfigureAwait(false);
                }
                finally
                {
                    _gate.Release();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (IsConnectionLoss(ex) || ex is MailUnavailableException or ImapCommandException)
            {
                // Logged, retried with backoff; never shown to anyone as an exception.
                LogWatchFailed(_logger, ex.GetType().Name);
                await DropAfterWatchFailureAsync(ex).ConfigureAwait(false);
                await DelayQuietlyAsync(TimeSpan.FromMilliseconds(Math.Min(_options.MaxReconnectDelayMilliseconds, 250 * (1 << Math.Min(_consecutiveFailures, 8)))), token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MailException or FolderNotFoundException)
            {
                // Signed out, or the folder went away: watch the inbox again once a command has run.
                _watch = ex is FolderNotFoundException ? null : _watch;
                await DelayQuietlyAsync(TimeSpan.FromSeconds(5), token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The watcher must survive anything a server sends; failures are logged and retried.
            catch (Exception ex) when (!token.IsCancellationRequested)
#pragma warning restore CA1031
            {
                LogWatchFailed(_logger, ex.GetType().Name);
                await DelayQuietlyAsync(TimeSpan.FromSeconds(5), token).ConfigureAwait(false);
            }

            if (change is { IsEmpty: false })
            {
                ImapSessionPool.Metrics.PushEvent(change);
                Changed?.Invoke(this, change);
            }

            // Other folders' counts, reported by NOTIFY's STATUS responses.
            foreach (var folder in _statusChanged.Keys)
            {
                if (_statusChanged.TryRemove(folder, out var status))
                {
                    Changed?.Invoke(this, new MailboxChange(folder, [], [], false, [], status.Count, status.At) { CountsOnly = true });
                }
            }

            // Let waiting commands go first.
            if (Volatile.Read(ref _pendingCommands) > 0)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>One round under the gate: connect if needed, report what happened, then IDLE until woken.</summary>
    private async Task<MailboxChange?> WatchOnceAsync(CancellationToken token)
    {
        if (Volatile.Read(ref _pendingCommands) > 0)
        {
            return null;
        }

        var client = await EnsureConnectedAsync(token).ConfigureAwait(false);
        var folder = _selected is { IsOpen: true } selected ? selected : await SelectAsync(client, _watch?.Folder ?? "INBOX", token).ConfigureAwait(false);
        if (Interlocked.Exchange(ref _poked, 0) == 1)
        {
            // A push (or a command) says the server has news: NOOP makes Dovecot report it now.
            await client.NoOpAsync(token).ConfigureAwait(false);
        }

        await EnableNotifyAsync(client, token).ConfigureAwait(false);
        var change = await CollectChangesAsync(folder, token).ConfigureAwait(false) ?? await CheckInboxAsync(client, folder, token).ConfigureAwait(false);
        if (change is not null || Volatile.Read(ref _pendingCommands) > 0 || Volatile.Read(ref _poked) == 1)
        {
            return change;
        }

        // IDLE covers the selected folder and, with NOTIFY, every subscribed folder's counts. Without NOTIFY
        // the inbox is checked by STATUS at least every PollIntervalSeconds while another folder is selected.
        var idleFor = IsInbox(folder) || _notifyActive ? _options.IdleRearmSeconds : Math.Min(_options.IdleRearmSeconds, _options.PollIntervalSeconds);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(idleFor));
        Volatile.Write(ref _idleDone, done);
        try
        {
            // Re-check after publishing the done token: a command or poke that came in between must not wait out an IDLE.
            if (Volatile.Read(ref _pendingCommands) > 0 || Volatile.Read(ref _poked) == 1 || !_events.IsEmpty)
            {
                return null;
            }

            if ((client.Capabilities & ImapCapabilities.Idle) != 0)
            {
                await client.IdleAsync(done.Token, token).ConfigureAwait(false);
            }
            else
            {
                await DelayQuietlyAsync(TimeSpan.FromSeconds(_options.PollIntervalSeconds), done.Token).ConfigureAwait(false);
                await client.NoOpAsync(token).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _idleDone, null);
        }

        if (Interlocked.Exchange(ref _poked, 0) == 1)
        {
            await client.NoOpAsync(token).ConfigureAwait(false);
        }

        return await CollectChangesAsync(folder, token).ConfigureAwait(false) ?? await CheckInboxAsync(client, folder, token).ConfigureAwait(false);
    }

    /// <summary>Called when a folder becomes the selected one: watch it, starting from what the server has now.</summary>
    private void Watch(IMailFolder folder, IMailFolder? previous)
    {
        if (previous is not null)
        {
            previous.CountChanged -= OnCountChanged;
            previous.MessageExpunged -= OnExpunged;
            previous.MessagesVanished -= OnVanished;
            previous.MessageFlagsChanged -= OnFlagsChanged;
        }

        folder.CountChanged += OnCountChanged;
        folder.MessageExpunged += OnExpunged;
        folder.MessagesVanished += OnVanished;
        folder.MessageFlagsChanged += OnFlagsChanged;
        _events.Clear();

        // Same folder again after a reconnect: keep the cursor, so the resync reports what came in meanwhile.
        if (_watch is { } w && w.Folder == folder.FullName && w.UidValidity == folder.UidValidity)
        {
            w.ResyncFlagsSince = w.ModSeq > 0 && (folder.Supports(FolderFeature.ModSequences)) ? w.ModSeq : null;
            return;
        }

        var maxUid = folder.UidNext is { } next && next.Id > 0 ? next.Id - 1 : 0;
        _watch = new WatchState(folder.FullName, folder.UidValidity, maxUid, folder.Count) { ModSeq = folder.HighestModSeq };
    }

    // MailKit event handlers: record and signal only. The folder is not re-entrant; the loop does the fetching.
    private void OnCountChanged(object? sender, EventArgs e) => Record(new RawEvent.CountEvent(DateTimeOffset.UtcNow));

    private void OnExpunged(object? sender, MessageEventArgs e) => Record(new RawEvent.ExpungeEvent(DateTimeOffset.UtcNow, []));

    private void OnVanished(object? sender, MessagesVanishedEventArgs e) => Record(new RawEvent.ExpungeEvent(DateTimeOffset.UtcNow, [.. e.UniqueIds.Select(u => u.Id)]));

    private void OnFlagsChanged(object? sender, MessageFlagsChangedEventArgs e) => Record(new RawEvent.FlagsEvent(DateTimeOffset.UtcNow, e.UniqueId?.Id, e.Index, e.Flags));

    private void Record(RawEvent e)
    {
        _events.Enqueue(e);
        WakeWatcher();
    }

    private async Task DropAfterWatchFailureAsync(Exception ex)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (IsConnectionLoss(ex) && _client is not null)
            {
                await DropClientAsync().ConfigureAwait(false);
                ConnectionStateChanged?.Invoke(this, false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Woken early: that is the point.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The IMAP server refused NOTIFY ({Response}); watching with IDLE and STATUS instead")]
    private static partial void LogNotifyRefused(ILogger logger, string response);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watching the mailbox failed ({Error}); retrying")]
    private static partial void LogWatchFailed(ILogger logger, string error);

    /// <summary>Where the watcher stands in the watched folder: the highest UID reported and the message count.</summary>
    private sealed class WatchState(string folder, uint uidValidity, uint maxUid, int knownCount)
    {
        public string Folder { get; } = folder;

        public uint UidValidity { get; } = uidValidity;

        public uint MaxUid { get; set; } = maxUid;

        public int KnownCount { get; set; } = knownCount;

        /// <summary>The folder's HIGHESTMODSEQ when last looked at (0 without CONDSTORE).</summary>
        public ulong ModSeq { get; set; }

        /// <summary>Set after a reconnect: report flags changed since this mod-sequence.</summary>
        public ulong? ResyncFlagsSince { get; set; }
    }

    private abstract record RawEvent(DateTimeOffset At)
    {
        public sealed record CountEvent(DateTimeOffset At) : RawEvent(At);

        public sealed record ExpungeEvent(DateTimeOffset At, uint[] Uids) : RawEvent(At);

        /// <summary>A flag change; servers without QRESYNC may omit the UID, then the index finds it.</summary>
        public sealed record FlagsEvent(DateTimeOffset At, uint? Uid, int Index, MessageFlags NewFlags) : RawEvent(At);
    }
}
