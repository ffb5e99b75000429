using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Conversations;

/// <summary>
/// A folder's conversations: UID THREAD=REFERENCES where the server offers it, otherwise our own threading over the
/// folder's Message-ID/References/In-Reply-To/Subject/Date headers, fetched once per UID and kept per folder and
/// UIDVALIDITY (later only new UIDs are fetched). Rows are fetched only for the conversations in view.
/// </summary>
public sealed partial class ConversationQueries
{
    /// <summary>Folders whose threading headers are kept (the fallback only).</summary>
    private const int MaxFoldersCached = 4;

    private static readonly IFetchRequest RowRequest =
        new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.InternalDate);

    private static readonly IFetchRequest ThreadingRequest =
        new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.References | MessageSummaryItems.InternalDate);

    private readonly MailConnection _connection;
    private readonly Lock _lock = new();
    private readonly List<HeaderCache> _caches = [];

    private readonly Func<string?, bool> _isOwnAddress;

    internal ConversationQueries(MailConnection connection, Func<string?, bool>? isOwnAddress = null)
    {
        _connection = connection;
        _isOwnAddress = isOwnAddress ?? (address => string.Equals(address, connection.UserName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Threads a folder: one UID THREAD where offered; else one UID SEARCH ALL and a FETCH of the UIDs not seen before.</summary>
    /// <param name="serverThreading">False to thread ourselves even where the server could (tests compare both).</param>
    /// <param name="fresh">Nothing watches the connection: ask the server for news first (NOOP) if the folder was already selected.</param>
    public Task<ConversationIndex> ThreadAsync(string folderPath, CancellationToken cancellationToken = default, bool serverThreading = true, bool fresh = false) =>
        _connection.RunAsync(async (context, ct) =>
        {
            var wasSelected = context.Selected is { IsOpen: true } selected && selected.FullName == folderPath;
            var folder = await context.SelectAsync(folderPath, ct).ConfigureAwait(false);
            if (fresh && wasSelected)
            {
                await context.Client.NoOpAsync(ct).ConfigureAwait(false);
            }

            if (serverThreading && CanThread(context.Client))
            {
                var threads = folder.Count == 0 ? [] : await folder.ThreadAsync(ThreadingAlgorithm.References, SearchQuery.All, ct).ConfigureAwait(false);
                var groups = threads.Select(t => Flatten(t, []));
                return new ConversationIndex(folderPath, folder.UidValidity, ConversationIndex.Order(groups), serverThreaded: true);
            }

            var headers = await HeadersAsync(folder, folderPath, ct).ConfigureAwait(false);
            return new ConversationIndex(folderPath, folder.UidValidity, ConversationIndex.Order(ReferenceThreader.Group(headers)), serverThreaded: false);
        }, cancellationToken);

    /// <summary>Rows for conversations [start, start + count) of <paramref name="index"/>: one UID FETCH of their messages.</summary>
    public Task<ConversationPage> GetRowsAsync(ConversationIndex index, int startIndex, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var wanted = index.Conversations.Skip(startIndex).Take(count).ToList();
        if (wanted.Count == 0)
        {
            return Task.FromResult(new ConversationPage(index.Folder, index.Count, startIndex, []));
        }

        return _connection.RunAsync(async (context, ct) =>
        {
            var folder = await context.SelectAsync(index.Folder, ct).ConfigureAwait(false);
            if (folder.UidValidity != index.UidValidity)
            {
                throw new MailItemNotFoundException(MailFailureKind.ConversationsReread);
            }

            var uids = wanted.SelectMany(c => c).Select(u => new UniqueId(index.UidValidity, u)).ToList();
            var summaries = (await folder.FetchAsync(uids, RowRequest, ct).ConfigureAwait(false)).ToDictionary(s => s.UniqueId.Id);
            var rows = wanted.Select(c => ToRow(index, c, summaries)).OfType<ConversationRow>().ToList();
            return new ConversationPage(index.Folder, index.Count, startIndex, rows);
        }, cancellationToken);
    }

    private ConversationRow? ToRow(ConversationIndex index, uint[] uids, Dictionary<uint, IMessageSummary> summaries)
    {
        var found = uids.Where(summaries.ContainsKey).Select(u => summaries[u]).ToList();
        if (found.Count == 0)
        {
            // Expunged since the folder was threaded: the next change re-threads it.
            return null;
        }

        var byDate = found.OrderBy(DateOf).ThenBy(s => s.UniqueId.Id).ToList();
        var newest = found[^1];
        var participants = byDate.Select(s => Participant(Addresses.First(s.Envelope?.From))).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new ConversationRow(
            new MessageRef(index.Folder, index.UidValidity, newest.UniqueId.Id),
            [.. found.Select(s => new MessageRef(index.Folder, index.UidValidity, s.UniqueId.Id))],
            participants,
            Headers.Subject(byDate[0].Envelope?.Subject),
            DateOf(newest),
            found.Any(s => !(s.Flags ?? MessageFlags.None).HasFlag(MessageFlags.Seen)),
            found.Any(s => (s.Flags ?? MessageFlags.None).HasFlag(MessageFlags.Flagged)));
    }

    private string Participant(MailAddress? from) =>
        from is null ? "(unknown sender)" : IsMe(from) ? "me" : from.Display;

    private bool IsMe(MailAddress? address) => _isOwnAddress(address?.Address);

    internal static DateTimeOffset DateOf(IMessageSummary s) => s.Envelope?.Date ?? s.InternalDate ?? DateTimeOffset.MinValue;

    private static bool CanThread(ImapClient client) =>
        client.Capabilities.HasFlag(ImapCapabilities.Thread) && client.ThreadingAlgorithms.Contains(ThreadingAlgorithm.References);

    private static List<uint> Flatten(MessageThread thread, List<uint> into)
    {
        if (thread.UniqueId is { } uid)
        {
            into.Add(uid.Id);
        }

        foreach (var child in thread.Children)
        {
            Flatten(child, into);
        }

        return into;
    }

    /// <summary>The threading headers of every message in the folder: cached ones kept, new UIDs fetched, gone ones dropped.</summary>
    private async Task<IReadOnlyCollection<ThreadHeaders>> HeadersAsync(IMailFolder folder, string path, CancellationToken ct)
    {
        var cache = CacheFor(path, folder.UidValidity);
        var present = folder.Count == 0 ? [] : await folder.SearchAsync(SearchQuery.All, ct).ConfigureAwait(false);
        Dictionary<uint, ThreadHeaders> known;
        lock (_lock)
        {
            known = new Dictionary<uint, ThreadHeaders>(cache.Headers);
        }

        var missing = present.Where(u => !known.ContainsKey(u.Id)).ToList();
        if (missing.Count > 0)
        {
            foreach (var summary in await folder.FetchAsync(missing, ThreadingRequest, ct).ConfigureAwait(false))
            {
                known[summary.UniqueId.Id] = ToHeaders(summary);
            }
        }

        var now = present.Select(u => u.Id).ToHashSet();
        foreach (var gone in known.Keys.Where(u => !now.Contains(u)).ToList())
        {
            known.Remove(gone);
        }

        lock (_lock)
        {
            cache.Headers = known;
        }

        return known.Values;
    }

    internal static ThreadHeaders ToHeaders(IMessageSummary s)
    {
        var references = s.References is { Count: > 0 } refs
            ? refs.ToList()
            : FirstId(s.Envelope?.InReplyTo) is { } parent ? [parent] : [];
        return new ThreadHeaders(s.UniqueId.Id, Bare(s.Envelope?.MessageId), references, s.Envelope?.Subject ?? "", DateOf(s));
    }

    /// <summary>The first Message-ID of an In-Reply-To value, without angle brackets.</summary>
    internal static string? FirstId(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : MimeKit.Utils.MimeUtils.EnumerateReferences(value).FirstOrDefault() ?? Bare(value);

    internal static string? Bare(string? id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim().TrimStart('<').TrimEnd('>');

    private HeaderCache CacheFor(string path, uint validity)
    {
        lock (_lock)
        {
            var cache = _caches.Find(c => c.Folder == path && c.UidValidity == validity);
            _caches.RemoveAll(c => c.Folder == path);
            cache ??= new HeaderCache(path, validity);
            _caches.Insert(0, cache);
            if (_caches.Count > MaxFoldersCached)
            {
                _caches.RemoveAt(_caches.Count - 1);
            }

            return cache;
        }
    }

    private sealed class HeaderCache(string folder, uint uidValidity)
    {
        public string Folder { get; } = folder;

        public uint UidValidity { get; } = uidValidity;

        public Dictionary<uint, ThreadHeaders> Headers { get; set; } = [];
    }
}
