using WebMail.Mail.Model;

namespace WebMail.Mail.Search;

/// <summary>
/// One result set: the hits of a query, in the list's order, as far as known. A single folder's set is answered by
/// one SEARCH/SORT; an all-folder set grows folder by folder (<see cref="Snapshot.Complete"/> false until the last
/// folder answered). Hits are kept compact: one <see cref="ulong"/> per hit (folder index, UID), no object per hit.
/// </summary>
internal sealed class ListResults(ListQuery key, ParsedSearch search, IReadOnlyList<string> folders, bool allFolders)
{
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstRowsRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ListQuery> _askers = [];
    private volatile Snapshot _current = new([], [], [], false, null);

    /// <summary>The query in its normal form (the set's identity in the cache).</summary>
    public ListQuery Key { get; } = key;

    public ParsedSearch Search { get; } = search;

    /// <summary>The folders searched, in the order they are searched (the list's folder first).</summary>
    public IReadOnlyList<string> Folders { get; } = folders;

    public bool AllFolders { get; } = allFolders;

    /// <summary>Stops an all-folder search between two folders (never a command in flight).</summary>
    public CancellationTokenSource Stop { get; } = new();

    /// <summary>Completes when the first folder answered (or the search failed).</summary>
    public Task First => _first.Task;

    /// <summary>Completes when the search ended: every folder answered, it was stopped, or it failed.</summary>
    public Task Finished => _finished.Task;

    /// <summary>
    /// Completes once a reader has read the rows of what was published (or found none to read): an all-folder search
    /// lets that read have the connection before it goes on to the next folder, so the first hits are painted first.
    /// </summary>
    public Task FirstRowsRead => _firstRowsRead.Task;

    public void RowsRead() => _firstRowsRead.TrySetResult();

    public Snapshot Current => _current;

    /// <summary>Whether a change in <paramref name="folder"/> may change this set.</summary>
    public bool Covers(string folder) => AllFolders || Folders.Contains(folder);

    /// <summary>Remembers the form in which a reader asked (so callbacks give readers back their own query).</summary>
    public void Asked(ListQuery query)
    {
        lock (_askers)
        {
            if (!_askers.Contains(query))
            {
                _askers.Add(query);
            }
        }
    }

    public ListQuery[] Askers()
    {
        lock (_askers)
        {
            return [.. _askers];
        }
    }

    public void Publish(Snapshot snapshot)
    {
        _current = snapshot;
        _first.TrySetResult();
    }

    public void Fail(Exception exception)
    {
        _first.TrySetException(exception);
        _finished.TrySetException(exception);
    }

    /// <summary>The search ended (after its last <see cref="Publish"/>).</summary>
    public void End()
    {
        _first.TrySetResult();
        _finished.TrySetResult();
    }

    /// <summary>The hits known now.</summary>
    /// <param name="Folders">Folder paths; an entry's high 32 bits index this array.</param>
    /// <param name="Validities">Each folder's UIDVALIDITY when searched.</param>
    /// <param name="Entries">(folder index &lt;&lt; 32) | UID, in the list's order.</param>
    /// <param name="Complete">False while folders remain to be searched.</param>
    /// <param name="Notice">A sentence about folders that could not be searched, or null.</param>
    internal sealed record Snapshot(string[] Folders, uint[] Validities, ulong[] Entries, bool Complete, string? Notice)
    {
        public static ulong Entry(int folder, uint uid) => ((ulong)(uint)folder << 32) | uid;

        public static int FolderOf(ulong entry) => (int)(entry >> 32);

        public static uint UidOf(ulong entry) => (uint)entry;
    }
}
