using Microsoft.Extensions.Logging;
using WebMail.Mail.Model;
using WebMail.Mail.Queries;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Mailbox;

/// <summary>
/// The user's mailbox as every tab of that user sees it: the folder list with counts and the rows of the folders
/// being looked at, kept beside the user's one IMAP session. The watcher applies each change here once; every tab
/// subscribes (an <see cref="IDisposable"/>) and re-renders from this view, so a change costs its IMAP work once,
/// whatever the number of tabs. Reads that miss are fetched once, even when several tabs ask together.
/// </summary>
public sealed partial class MailboxView : IAsyncDisposable
{
    /// <summary>Folders whose rows are kept, most recently read first.</summary>
    private const int MaxFoldersKept = 4;

    private readonly FolderQueries _folderQueries;
    private readonly MessageQueries _messages;
    private readonly MailConnection _connection;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<FolderRowsEntry> _rows = [];
    /// <summary>Page reads in flight, with the change version they started at (a read that started before a change may miss it).</summary>
    private readonly Dictionary<(string Folder, int Start, int Count), (Task<MessagePage> Task, long Version)> _reading = [];
    private readonly List<Subscription> _subscriptions = [];
    private IReadOnlyList<FolderInfo>? _folders;

    internal MailboxView(FolderQueries folders, MessageQueries messages, MailConnection connection, TimeProvider time, ILogger logger)
    {
        _folderQueries = folders;
        _messages = messages;
        _connection = connection;
        _time = time;
        _logger = logger;
        connection.StatusChanged += OnStatusChanged;
    }

    /// <summary>The folder list as last known (empty before the first read); no IMAP.</summary>
    public IReadOnlyList<FolderInfo> Folders
    {
        get
        {
            lock (_lock)
            {
                return _folders ?? [];
            }
        }
    }

    /// <summary>How the user's connection is doing.</summary>
    public ConnectionStatus Status => _connection.Status;

    /// <summary>
    /// Tells <paramref name="changed"/> of every change after it has been applied here, and <paramref name="status"/>
    /// of every connection-status change. Both run on the watcher's thread: marshal to your own. A callback that
    /// throws is logged and never stops the others or live mail. Dispose to stop.
    /// </summary>
    public IDisposable Subscribe(Action<MailboxChange> changed, Action<ConnectionStatus>? status = null) => Add(new Subscription(this, changed, status, null));

    private Subscription Add(Subscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Rows [start, start + count) of a folder, newest first: from the view when known, else read once from IMAP.</summary>
    public async Task<MessagePage> GetPageAsync(string folder, int startIndex, int count, CancellationToken cancellationToken = default)
    {
        Task<MessagePage>? reading = null;
        lock (_lock)
        {
            if (_watching)
            {
                if (RowsOf(folder, create: false)?.TryGet(folder, startIndex, count) is { } cached)
                {
                    return cached;
                }

                // Join a read in flight only if no change came since it started: a tab refreshing because of a
                // change must see that change, not an answer the server gave before it.
                var key = (folder, startIndex, count);
                if (_reading.TryGetValue(key, out var inFlight) && inFlight.Version == _version)
                {
                    reading = inFlight.Task;
                }
                else
                {
                    reading = ReadPageAsync(key, _version);
                    if (!reading.IsCompleted)
                    {
                        // (One that finished before it was stored has cleaned up already: storing it would keep it.)
                        _reading[key] = (reading, _version);
                    }
                }
            }
        }

        // Before the watcher feeds the view (a prerender) nothing keeps cached rows true: read what the server has now.
        reading ??= _messages.GetMessagesAsync(folder, startIndex, count, cancellationToken, fresh: true);
        return await reading.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<MessagePage> ReadPageAsync((string Folder, int Start, int Count) key, long version)
    {
        try
        {
            var page = await _messages.GetMessagesAsync(key.Folder, key.Start, key.Count, CancellationToken.None).ConfigureAwait(false);
            lock (_lock)
            {
                // A change applied while the page was read may or may not be in it: then keep nothing, read again next time.
                if (version == _version)
                {
                    RowsOf(key.Folder, create: true)!.Store(page);
                    SetTotal(key.Folder, page.Total, unread: null);
                }
            }

            return page;
        }
        finally
        {
            lock (_lock)
            {
                if (_reading.TryGetValue(key, out var entry) && entry.Version == version)
                {
                    _reading.Remove(key);
                }
            }
        }
    }

    /// <summary>The cached rows of a folder, most recently used first; call under the lock.</summary>
    private FolderRows? RowsOf(string folder, bool create)
    {
        var at = _rows.FindIndex(e => e.Folder == folder);
        if (at < 0)
        {
            if (!create)
            {
                return null;
            }

            _rows.Insert(0, new FolderRowsEntry(folder, new FolderRows()));
            if (_rows.Count > MaxFoldersKept)
            {
                _rows.RemoveAt(_rows.Count - 1);
            }

            return _rows[0].Rows;
        }

        var entry = _rows[at];
        if (at > 0)
        {
            _rows.RemoveAt(at);
            _rows.Insert(0, entry);
        }

        return entry.Rows;
    }

    private void OnStatusChanged(ConnectionStatus status)
    {
        if (status.IsProblem)
        {
            // Whatever happens while the connection is down is not seen: read again once it is back.
            lock (_lock)
            {
                _version++;
                _rows.Clear();
                ForgetConversationsLocked(null);
            }

            InvalidateLists(null);
        }
        else if (status.State == ConnectionState.Connected)
        {
            RefreshCountsSoon();
        }

        foreach (var subscription in Subscribers())
        {
            subscription.Notify(s => s.Status?.Invoke(status));
        }
    }

    private Subscription[] Subscribers()
    {
        lock (_lock)
        {
            return [.. _subscriptions];
        }
    }

    private sealed record FolderRowsEntry(string Folder, FolderRows Rows);

    /// <summary>One reader of the view: of changes and statuses (<see cref="Subscribe"/>) or of result sets (<see cref="SubscribeLists"/>).</summary>
    private sealed class Subscription(MailboxView view, Action<MailboxChange>? changed, Action<ConnectionStatus>? status, Action<ListQuery>? lists) : IDisposable
    {
        public Action<MailboxChange>? Changed { get; } = changed;

        public Action<ConnectionStatus>? Status { get; } = status;

        public Action<ListQuery>? Lists { get; } = lists;

        public void Notify(Action<Subscription> callback)
        {
            try
            {
                callback(this);
            }
#pragma warning disable CA1031 // One tab's failure must not stop the others, nor live mail.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSubscriberFailed(view._logger, ex.GetType().Name);
            }
        }

        public void Dispose()
        {
            lock (view._lock)
            {
                view._subscriptions.Remove(this);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A tab's handler of a mailbox change failed ({Error}); the others and live mail go on")]
    private static partial void LogSubscriberFailed(ILogger logger, string error);
}
