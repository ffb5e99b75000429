using WebMail.Mail.Model;

namespace WebMail.Mail.Mailbox;

/// <summary>The folder list with counts: read once (shared by concurrent callers), then kept by the changes.</summary>
public sealed partial class MailboxView
{
    private Task<FolderRead>? _readingFolders;

    /// <summary>The folder list with counts: read from IMAP once, then kept up to date by the changes.</summary>
    public Task<IReadOnlyList<FolderInfo>> GetFoldersAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_watching && _folders is { } known)
            {
                return Task.FromResult(known);
            }
        }

        return ReadFoldersAsync(cancellationToken);
    }

    /// <summary>Reads the folder list from IMAP again (one LIST-STATUS), shared by concurrent callers.</summary>
    public async Task<IReadOnlyList<FolderInfo>> ReadFoldersAsync(CancellationToken cancellationToken = default) =>
        (await ReadFoldersSharedAsync(cancellationToken).ConfigureAwait(false)).Folders;

    private Task<FolderRead> ReadFoldersSharedAsync(CancellationToken cancellationToken)
    {
        Task<FolderRead> reading;
        lock (_lock)
        {
            reading = _readingFolders ??= ReadFoldersCoreAsync();
            if (reading.IsCompleted)
            {
                // It ran to the end before it was stored (the server's answer was already there: a busy machine), so
                // its own clean-up ran first; kept, it would answer every later read with this old list.
                _readingFolders = null;
            }
        }

        return reading.WaitAsync(cancellationToken);
    }

    /// <summary>A folder list as the server gave it, and whether no change arrived while it answered.</summary>
    private readonly record struct FolderRead(IReadOnlyList<FolderInfo> Folders, bool Current);

    private async Task<FolderRead> ReadFoldersCoreAsync()
    {
        try
        {
            long version;
            lock (_lock)
            {
                version = _version;
            }

            var folders = await _folderQueries.GetFoldersAsync(CancellationToken.None).ConfigureAwait(false);
            bool current;
            List<FolderInfo> moved = [];
            lock (_lock)
            {
                current = _version == version;
                if (_folders is null || current)
                {
                    if (_folders is { } known)
                    {
                        moved = [.. folders.Where(f => known.FirstOrDefault(k => k.Path == f.Path) is not { } old || old.Total != f.Total || old.Unread != f.Unread)];
                    }

                    _folders = folders;
                }
                else
                {
                    // A change arrived while the server answered: its counts may predate it, so keep the counts the
                    // changes made and read again. The folders themselves are the server's: a folder renamed, moved
                    // or created before this read began must not wait for the next read to appear.
                    _folders = [.. folders.Select(f => _folders.FirstOrDefault(k => k.Path == f.Path) is { } kept ? f with { Total = kept.Total, Unread = kept.Unread } : f)];
                    RefreshCountsSoon();
                }
            }

            // Whoever asked for the read, every tab hears of counts it changed (a tab keeps what it was told last).
            foreach (var folder in moved)
            {
                InvalidateLists(folder.Path);
                Apply(new MailboxChange(folder.Path, [], [], false, [], folder.Total, _time.GetUtcNow()) { CountsOnly = true, Unread = folder.Unread });
            }

            return new FolderRead(folders, current);
        }
        finally
        {
            lock (_lock)
            {
                _readingFolders = null;
            }
        }
    }

    /// <summary>
    /// Updates a folder's counts in the folder list; call under the lock. A change may not know the total (-1: its
    /// folder was no longer selected when it was collected) and still know the unread count: that is kept.
    /// </summary>
    private void SetTotal(string folder, int total, int? unread)
    {
        if (_folders is not { } folders || (total < 0 && unread is null))
        {
            return;
        }

        var at = -1;
        for (var i = 0; i < folders.Count; i++)
        {
            if (folders[i].Path == folder)
            {
                at = i;
                break;
            }
        }

        if (at < 0)
        {
            return;
        }

        var newTotal = total >= 0 ? total : folders[at].Total;
        if (folders[at].Total != newTotal || (unread is { } u && folders[at].Unread != u))
        {
            var updated = folders.ToArray();
            updated[at] = updated[at] with { Total = newTotal, Unread = Math.Max(0, unread ?? updated[at].Unread) };
            _folders = updated;
        }
    }
}
