using WebMail.Mail.Model;
using WebMail.Mail.Queries;
using WebMail.Mail.Search;
using static WebMail.Mail.Search.ListResults;

namespace WebMail.Mail.Mailbox;

/// <summary>
/// Lists other than the plain folder view: searches, filters and sorts, in one folder or in all. Each query's hits
/// are kept as a result set (a few, most recently used first) shared by every tab of the user; concurrent reads of
/// the same query wait for the same search. A change in a folder a set covers drops the set and tells its readers
/// (<see cref="SubscribeLists"/>) to read again, so a list never shows what the server no longer has.
/// </summary>
public sealed partial class MailboxView
{
    /// <summary>Result sets kept per user.</summary>
    private const int MaxResultSets = 6;

    private readonly List<ListResults> _resultSets = [];
    private ListQueries? _lists;

    private ListQueries Lists => LazyInitializer.EnsureInitialized(ref _lists, () => new ListQueries(_connection));

    /// <summary>
    /// Rows [start, start + count) of a list. The plain folder view (<see cref="ListQuery.IsPlainFolder"/>) is the
    /// folder's page; anything else is a result set: searched once (SEARCH/SORT on the server, or sorted here where the
    /// server cannot), then only the rows asked for are fetched. An all-folder search answers as soon as the list's
    /// folder did (<see cref="ListPage.Complete"/> false while others remain; <see cref="SubscribeLists"/> tells of
    /// more). Search text that cannot be understood is a <see cref="SearchSyntaxException"/>; a folder named by
    /// <c>in:</c> that does not exist too.
    /// </summary>
    public async Task<ListPage> GetListPageAsync(ListQuery query, int startIndex, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (query.IsPlainFolder)
        {
            return ToListPage(query, await GetPageAsync(query.Folder, startIndex, count, cancellationToken).ConfigureAwait(false));
        }

        var search = SearchParser.Parse(query.Search, DateOnly.FromDateTime(_time.GetLocalNow().DateTime), LabelKeyword);
        var all = query.AllFolders || search.AllFolders;
        // The folder list only where the query needs it (in:, all folders): a plain search costs SEARCH + FETCH only.
        var folders = search.Folder is not null || all ? await GetFoldersAsync(cancellationToken).ConfigureAwait(false) : [];
        var folder = search.Folder is { } named ? FolderNamed(folders, named) : query.Folder;
        if (search.Condition is null && query.Filter == ListFilter.None && query.Order.IsDefault && !all)
        {
            // "in:Sent" alone: that folder's plain view.
            return ToListPage(query, await GetPageAsync(folder, startIndex, count, cancellationToken).ConfigureAwait(false));
        }

        var (set, kept) = ResultsFor(query, search, folder, all, folders);

        // A kept set answers with the first folder and tells of the rest; one read only once (nothing could re-read it) answers whole.
        await (kept ? set.First : set.Finished).WaitAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = set.Current;
        var end = Math.Min(snapshot.Entries.Length, startIndex + count);
        IReadOnlyList<MessageRow> rows;
        try
        {
            rows = startIndex < end ? await RowsAsync(snapshot, startIndex, end, cancellationToken).ConfigureAwait(false) : [];
        }
        finally
        {
            set.RowsRead();
        }

        return new ListPage(query, snapshot.Entries.Length, startIndex, rows, snapshot.Complete, snapshot.Notice);
    }

    /// <summary>
    /// Tells <paramref name="progressed"/> the query (as a reader asked it) of a result set that grew (an all-folder
    /// search streaming in) or must be read again (a change in a folder it covers). Runs on the watcher's or the
    /// search's thread: marshal to your own. Dispose to stop.
    /// </summary>
    public IDisposable SubscribeLists(Action<ListQuery> progressed) => Add(new Subscription(this, null, null, progressed));

    private static ListPage ToListPage(ListQuery query, MessagePage page) => new(query, page.Total, page.StartIndex, page.Rows);

    /// <summary>A folder by path, or by name (case-insensitive); INBOX in any case.</summary>
    private static string FolderNamed(IReadOnlyList<FolderInfo> folders, string name) =>
        folders.FirstOrDefault(f => f.Path == name)?.Path
        ?? folders.FirstOrDefault(f => f.Path.Equals(name, StringComparison.OrdinalIgnoreCase))?.Path
        ?? folders.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Path
        ?? (name.Equals("inbox", StringComparison.OrdinalIgnoreCase) ? "INBOX"
            : throw new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchNoFolderAll, name)));

    /// <summary>The kept set of the query, or a new one started now; a newer all-folder search stops older ones.</summary>
    private (ListResults Set, bool Kept) ResultsFor(ListQuery query, ParsedSearch search, string folder, bool all, IReadOnlyList<FolderInfo> folders)
    {
        var key = new ListQuery(folder, query.Search?.Trim(), query.Filter, query.Order, all);
        ListResults set;
        bool kept;
        List<ListResults> stopped = [];
        lock (_lock)
        {
            var at = _resultSets.FindIndex(s => s.Key == key);
            if (at >= 0)
            {
                set = _resultSets[at];
                _resultSets.RemoveAt(at);
                _resultSets.Insert(0, set);
                set.Asked(query);
                return (set, true);
            }

            IReadOnlyList<string> covered = all
                ? [folder, .. folders.Where(f => f.CanSelect && f.Path != folder).Select(f => f.Path)]
                : [folder];
            set = new ListResults(key, search, covered, all);
            set.Asked(query);
            if (all)
            {
                stopped.AddRange(_resultSets.Where(s => s.AllFolders && !s.Current.Complete));
            }

            // Before the watcher feeds the view (a prerender) no change would drop a kept set: answer this read only.
            kept = _watching;
            if (kept)
            {
                _resultSets.Insert(0, set);
            }

            while (_resultSets.Count > MaxResultSets)
            {
                stopped.Add(_resultSets[^1]);
                _resultSets.RemoveAt(_resultSets.Count - 1);
            }

            _resultSets.RemoveAll(stopped.Contains);
        }

        foreach (var old in stopped)
        {
            old.Stop.Cancel();
        }

        var imap = SearchQueryBuilder.Build(search.Condition, query.Filter);
        // The runner never throws: a failure is handed to the set's readers (and a folder's failure becomes a notice).
        // Started here, not through the thread pool: its first step only queues the command and wakes the connection
        // out of IDLE, and on a busy machine a pool hop delayed that by milliseconds. It continues off this thread.
        _ = ListSearchRunner.RunAsync(Lists, set, imap, key.Order, Progressed);
        return (set, kept);
    }

    /// <summary>Rows of entries [start, end): one UID FETCH per folder among them, put back in the list's order.</summary>
    private async Task<IReadOnlyList<MessageRow>> RowsAsync(Snapshot snapshot, int start, int end, CancellationToken cancellationToken)
    {
        var slice = snapshot.Entries.AsMemory(start, end - start);
        var byFolder = new Dictionary<(int Folder, uint Uid), MessageRow>();
        foreach (var group in slice.ToArray().GroupBy(Snapshot.FolderOf))
        {
            var folder = snapshot.Folders[group.Key];
            var rows = await Lists.GetRowsAsync(folder, snapshot.Validities[group.Key], [.. group.Select(Snapshot.UidOf)], cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                byFolder[(group.Key, row.Id.Uid)] = row;
            }
        }

        var ordered = new List<MessageRow>(end - start);
        foreach (var entry in slice.Span)
        {
            if (byFolder.TryGetValue((Snapshot.FolderOf(entry), Snapshot.UidOf(entry)), out var row))
            {
                ordered.Add(row);
            }
        }

        return ordered;
    }

    /// <summary>An all-folder search found more: its readers read again.</summary>
    private void Progressed(ListResults set)
    {
        lock (_lock)
        {
            if (!_resultSets.Contains(set))
            {
                return;
            }
        }

        NotifyLists(set.Askers());
    }

    /// <summary>
    /// Whether a counts-only change moves the counts known (call under the lock). Selecting folders one after another
    /// (an all-folder search) makes the server repeat counts that did not move; those must not drop the search.
    /// </summary>
    private bool CountsMoved(MailboxChange change) =>
        _folders?.FirstOrDefault(f => f.Path == change.Folder) is not { } known
        || (change.Total >= 0 && known.Total != change.Total)
        || (change.Unread is { } unread && known.Unread != unread);

    /// <summary>Drops the result sets a change may alter (all of them when <paramref name="folder"/> is null) and tells their readers.</summary>
    private void InvalidateLists(string? folder)
    {
        List<ListResults> dropped;
        lock (_lock)
        {
            dropped = [.. _resultSets.Where(s => folder is null || s.Covers(folder))];
            _resultSets.RemoveAll(dropped.Contains);
        }

        foreach (var set in dropped)
        {
            set.Stop.Cancel();
        }

        NotifyLists([.. dropped.SelectMany(s => s.Askers()).Distinct()]);
    }

    private void NotifyLists(IReadOnlyList<ListQuery> queries)
    {
        if (queries.Count == 0)
        {
            return;
        }

        foreach (var subscriber in Subscribers())
        {
            if (subscriber.Lists is { } lists)
            {
                foreach (var query in queries)
                {
                    subscriber.Notify(_ => lists(query));
                }
            }
        }
    }
}
