using Microsoft.Extensions.Logging;
using WebMail.Mail.Model;

namespace WebMail.Mail.Mailbox;

/// <summary>Applying the watcher's changes once, and re-reading counts where a change leaves them unknown.</summary>
public sealed partial class MailboxView
{
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _countsWanted = new(0, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private Task? _countsLoop;
    private long _version;

    /// <summary>True once the watcher feeds this view: only then may what it knows be served without asking IMAP.</summary>
    private bool _watching;

    /// <summary>Starts the loop that re-reads folder counts when a change leaves them unknown.</summary>
    internal void Start()
    {
        lock (_lock)
        {
            _watching = true;
            _countsLoop ??= Task.Run(CountsLoopAsync);
        }
    }

    /// <summary>Applies a change reported by the server to the folder list and the rows, then tells every subscriber.</summary>
    internal void Apply(MailboxChange change)
    {
        var countsUnknown = false;
        bool listsChanged;
        lock (_lock)
        {
            listsChanged = !change.CountsOnly || CountsMoved(change);
            _version++;
            if (change.NewMessages.Count > 0 || change.Expunged || change.CountsOnly)
            {
                // Flags never move a message between conversations; arrivals and removals may.
                ForgetConversationsLocked(change.Folder);
            }

            var rows = RowsOf(change.Folder, create: false);
            var unread = Unread(change.Folder);
            if (change.CountsOnly)
            {
                // A folder that is not selected: its rows are not watched, so read them again when asked.
                if (rows is not null && rows.Total != change.Total)
                {
                    rows.Clear();
                }

                countsUnknown |= change.Unread is null;
                unread = change.Unread ?? unread;
            }
            else
            {
                foreach (var flag in change.FlagChanges)
                {
                    switch (rows?.UpdateFlags(flag))
                    {
                        case true when flag.Seen:
                            unread--;
                            break;
                        case false when !flag.Seen:
                            unread++;
                            break;
                        default:
                            // Not cached, or the row already shows this state: another flag changed, or the row was
                            // read from the server after the change and the counts may not include it. Read them
                            // (not for an echo: it came from a read that followed the counts, and would read again).
                            countsUnknown |= !flag.Echo;
                            break;
                    }
                }

                if (change.Expunged)
                {
                    if (change.ExpungedUids.Count == 0)
                    {
                        rows?.Clear(change.Total);
                        countsUnknown = true;
                    }

                    foreach (var uid in change.ExpungedUids)
                    {
                        switch (rows?.Remove(uid))
                        {
                            case true:
                                unread--;
                                break;
                            case null:
                                countsUnknown = true;
                                break;
                        }
                    }
                }

                rows?.AddNew(change.NewMessages, change.Total);
                unread += change.NewMessages.Count(m => !m.Seen);
            }

            SetTotal(change.Folder, change.Total, unread);
        }

        // Searches over this folder may now be wrong: dropped, and their readers told, before the tabs hear of the change.
        if (listsChanged)
        {
            InvalidateLists(change.Folder);
        }

        foreach (var subscription in Subscribers())
        {
            subscription.Notify(s => s.Changed?.Invoke(change));
        }

        if (countsUnknown)
        {
            RefreshCountsSoon();
        }
    }

    /// <summary>A folder's counts changed out of the watcher's sight (the target of a move): re-read the folder list soon.</summary>
    internal void CountsChanged(string folder) => RefreshCountsSoon();

    private void RefreshCountsSoon()
    {
        try
        {
            _countsWanted.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already wanted: one read covers both.
        }
    }

    private int Unread(string folder) => _folders?.FirstOrDefault(f => f.Path == folder)?.Unread ?? 0;

    /// <summary>Re-reads the folder list (one LIST-STATUS) when asked, at most every 300 ms; survives failures.</summary>
    private async Task CountsLoopAsync()
    {
        var token = _lifetime.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _countsWanted.WaitAsync(token).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(300), _time, token).ConfigureAwait(false);
                // The read tells every tab of the counts that moved; one that overlapped a change asks for another.
                await ReadFoldersSharedAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A supervised loop: counts come back with the next change; the loop must not end.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogCountsFailed(_logger, ex.GetType().Name);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _connection.StatusChanged -= OnStatusChanged;
        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (_countsLoop is { } loop)
        {
            // The loop logs its own failures; closing the view must not fail because of one.
            await loop.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        _lifetime.Dispose();
        _countsWanted.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading folder counts failed ({Error}); they are refreshed with the next change")]
    private static partial void LogCountsFailed(ILogger logger, string error);
}
