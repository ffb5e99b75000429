using Microsoft.Extensions.Logging;
using WebMail.Mail.Folders;
using WebMail.Mail.Model;

namespace WebMail.Mail.Mailbox;

/// <summary>Folders created, renamed, moved, deleted or (un)subscribed by one tab: the list is read again and every tab is told.</summary>
public sealed partial class MailboxView
{
    private readonly List<Action<FolderListChange>> _folderListReaders = [];
    private IReadOnlySet<string>? _hiddenFolders;

    /// <summary>Folders the tree leaves out (unsubscribed), once the subscriptions were read; null before.</summary>
    public IReadOnlySet<string>? HiddenFolders
    {
        get
        {
            lock (_lock)
            {
                return _hiddenFolders;
            }
        }
    }

    internal void SetHiddenFolders(IReadOnlySet<string> hidden)
    {
        lock (_lock)
        {
            _hiddenFolders = hidden;
        }
    }

    /// <summary>
    /// Tells <paramref name="changed"/> of every change to the folder list made through WebMail, after the list was read
    /// again (<see cref="Folders"/> holds it). Runs on the changing tab's thread: marshal to your own. Dispose to stop.
    /// </summary>
    public IDisposable SubscribeFolderList(Action<FolderListChange> changed)
    {
        lock (_lock)
        {
            _folderListReaders.Add(changed);
        }

        return new FolderListReader(this, changed);
    }

    /// <summary>
    /// A folder command ran (<paramref name="change"/> null: it was refused, and the list may still have moved): rows,
    /// conversations and result sets of the old names are dropped, the list is read fresh (not joined to a read that
    /// started before the command), then every reader is told, and every tab's folder list is renewed.
    /// </summary>
    internal async Task FolderListChangedAsync(FolderListChange? change, IReadOnlySet<string>? hidden, CancellationToken cancellationToken)
    {
        Task<FolderRead>? inFlight;
        lock (_lock)
        {
            _version++;
            _hiddenFolders = hidden ?? _hiddenFolders;
            if (change is not null)
            {
                _rows.RemoveAll(e => change.Follow(e.Folder) != e.Folder);
            }

            ForgetConversationsLocked(null);
            inFlight = _readingFolders;
        }

        InvalidateLists(null);
        try
        {
            if (inFlight is not null)
            {
                await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (MailException)
        {
            // That read's own failure is not this one's.
        }

        try
        {
            await ReadFoldersSharedAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MailException ex)
        {
            // The command itself worked; the list comes back with the connection (a status change reads it).
            LogFolderListFailed(_logger, ex.GetType().Name);
        }

        if (change is not null)
        {
            Action<FolderListChange>[] readers;
            lock (_lock)
            {
                readers = [.. _folderListReaders];
            }

            foreach (var reader in readers)
            {
                try
                {
                    reader(change);
                }
#pragma warning disable CA1031 // One tab's failure must not stop the others.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogSubscriberFailed(_logger, ex.GetType().Name);
                }
            }
        }

        // Every tab takes the new list (a deleted folder changes no counts, so the read above told nobody).
        if (Folders.FirstOrDefault(f => f.Role == FolderRole.Inbox) is { } inbox)
        {
            Apply(new MailboxChange(inbox.Path, [], [], false, [], inbox.Total, _time.GetUtcNow()) { CountsOnly = true, Unread = inbox.Unread });
        }
    }

    private sealed class FolderListReader(MailboxView view, Action<FolderListChange> reader) : IDisposable
    {
        public void Dispose()
        {
            lock (view._lock)
            {
                view._folderListReaders.Remove(reader);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The folder list could not be read after a folder change ({Error}); it is read again when the connection is back")]
    private static partial void LogFolderListFailed(ILogger logger, string error);
}
