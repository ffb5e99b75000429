using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using SortOrder = WebMail.Mail.Model.SortOrder;

namespace WebMail.Mail.Queries;

/// <summary>The UIDs a query finds in one folder, in the list's order, and the folder's UIDVALIDITY they belong to.</summary>
internal sealed record FolderHits(string Folder, uint UidValidity, uint[] Uids);

/// <summary>
/// Search and sort over the user's one connection, one command at a time: the ordered UIDs of a query in a folder
/// (UID SORT where the server has SORT, UID SEARCH otherwise, ESORT/ESEARCH forms where offered), and rows by UID.
/// Without SORT the order comes from sort keys fetched once per folder and kept (<see cref="SortKeyCache"/>): when
/// mail arrives only the new UIDs' keys are fetched, so the order stays right without reading the folder again.
/// </summary>
public sealed class ListQueries
{
    private readonly MailConnection _connection;
    private readonly SortKeyCache _keys = new();

    internal ListQueries(MailConnection connection) => _connection = connection;

    /// <summary>A search or sort may take long on a large folder without a full-text index: give it more time than a fetch.</summary>
    private TimeSpan LongTimeout => _connection.CommandTimeout * 6;

    /// <summary>The UIDs of the messages of <paramref name="folder"/> matching <paramref name="query"/>, in <paramref name="order"/>.</summary>
    internal async Task<FolderHits> FindAsync(string folder, SearchQuery query, SortOrder order, CancellationToken cancellationToken)
    {
        var (validity, uids, sorted) = await _connection.RunAsync(async (context, ct) =>
        {
            var selected = await context.SelectAsync(folder, ct).ConfigureAwait(false);
            if (order.Field == SortField.Arrival || !context.Has(ImapCapabilities.Sort))
            {
                var found = await SearchAsync(context, selected, query, ct).ConfigureAwait(false);
                Array.Sort(found);
                return (selected.UidValidity, found, false);
            }

            return (selected.UidValidity, await SortAsync(context, selected, query, order, ct).ConfigureAwait(false), true);
        }, cancellationToken, LongTimeout).ConfigureAwait(false);

        if (!sorted)
        {
            if (order.Field == SortField.Arrival)
            {
                // UIDs are given in arrival order; a search answers them ascending.
                if (order.Descending)
                {
                    Array.Reverse(uids);
                }
            }
            else
            {
                uids = await ClientSortAsync(folder, validity, uids, order, cancellationToken).ConfigureAwait(false);
            }
        }

        return new FolderHits(folder, validity, uids);
    }

    /// <summary>
    /// The sort keys of <paramref name="field"/> for <paramref name="uids"/> (ascending), fetching only the ones not
    /// known yet. Used to sort without SORT and to merge the hits of several folders.
    /// </summary>
    internal async Task<SortKeyCache.Keys> KeysAsync(string folder, uint validity, uint[] uids, SortField field, CancellationToken cancellationToken)
    {
        var keys = _keys.For(folder, validity, field);
        var missing = keys.Missing(uids);
        if (missing.Count > 0)
        {
            var fetched = await _connection.RunAsync(async (context, ct) =>
            {
                var selected = await context.SelectAsync(folder, ct).ConfigureAwait(false);
                return selected.UidValidity != validity ? null : await selected.FetchAsync(missing, SortKeyCache.Request(field), ct).ConfigureAwait(false);
            }, cancellationToken, LongTimeout).ConfigureAwait(false);
            if (fetched is null)
            {
                throw new MailItemNotFoundException(MailFailureKind.SearchAgain);
            }

            keys.Add(fetched);
        }

        return keys;
    }

    /// <summary>Selects a folder again (after an all-folder search, so the watcher watches the user's folder); failures are left to the next command.</summary>
    internal async Task TrySelectAsync(string folder)
    {
        try
        {
            await _connection.RunAsync((context, ct) => context.SelectAsync(folder, ct), CancellationToken.None).ConfigureAwait(false);
        }
        catch (MailException)
        {
            // The next read of the folder selects it (or says what is wrong).
        }
    }

    private async Task<uint[]> ClientSortAsync(string folder, uint validity, uint[] uids, SortOrder order, CancellationToken cancellationToken)
    {
        var keys = await KeysAsync(folder, validity, uids, order.Field, cancellationToken).ConfigureAwait(false);
        return keys.Sort(uids, order.Descending);
    }

    private static async Task<uint[]> SearchAsync(ImapContext context, IMailFolder folder, SearchQuery query, CancellationToken ct)
    {
        if (context.Has(ImapCapabilities.ESearch))
        {
            var results = await folder.SearchAsync(SearchOptions.All, query, ct).ConfigureAwait(false);
            return ToArray(results.UniqueIds);
        }

        return ToArray(await folder.SearchAsync(query, ct).ConfigureAwait(false));
    }

    private static async Task<uint[]> SortAsync(ImapContext context, IMailFolder folder, SearchQuery query, SortOrder order, CancellationToken ct)
    {
        var direction = order.Descending ? MailKit.Search.SortOrder.Descending : MailKit.Search.SortOrder.Ascending;
        OrderBy[] orderBy = [new OrderBy(Type(order.Field), direction)];
        if (context.Has(ImapCapabilities.ESort))
        {
            var results = await folder.SortAsync(SearchOptions.All, query, orderBy, ct).ConfigureAwait(false);
            return ToArray(results.UniqueIds);
        }

        return ToArray(await folder.SortAsync(query, orderBy, ct).ConfigureAwait(false));
    }

    private static OrderByType Type(SortField field) => field switch
    {
        SortField.Date => OrderByType.Date,
        SortField.From => OrderByType.From,
        SortField.To => OrderByType.To,
        SortField.Subject => OrderByType.Subject,
        SortField.Size => OrderByType.Size,
        _ => OrderByType.Arrival,
    };

    /// <summary>
    /// The UIDs as a compact array, enumerated once: MailKit answers SORT/ESEARCH with a <see cref="UniqueIdSet"/> of
    /// ranges, whose indexer walks the ranges (100k scattered UIDs read by index took 20 s).
    /// </summary>
    private static uint[] ToArray(IList<UniqueId> uids)
    {
        var array = new uint[uids.Count];
        var i = 0;
        foreach (var uid in uids)
        {
            array[i++] = uid.Id;
        }

        return array;
    }

    /// <summary>
    /// The rows of <paramref name="uids"/> in <paramref name="folder"/>, in the order given; one UID FETCH of just those.
    /// Messages expunged meanwhile are left out; a folder whose UIDVALIDITY changed gives no rows.
    /// </summary>
    internal Task<IReadOnlyList<MessageRow>> GetRowsAsync(string folder, uint validity, IReadOnlyList<uint> uids, CancellationToken cancellationToken)
    {
        if (uids.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<MessageRow>>([]);
        }

        return _connection.RunAsync<IReadOnlyList<MessageRow>>(async (context, ct) =>
        {
            var selected = await context.SelectAsync(folder, ct).ConfigureAwait(false);
            if (selected.UidValidity != validity)
            {
                return [];
            }

            var set = new UniqueIdSet(uids.Select(u => new UniqueId(validity, u)), MailKit.Search.SortOrder.Ascending);
            var summaries = await selected.FetchAsync(set, MessageQueries.RowRequest, ct).ConfigureAwait(false);
            var byUid = summaries.ToDictionary(s => s.UniqueId.Id);
            var rows = new List<MessageRow>(uids.Count);
            foreach (var uid in uids)
            {
                if (byUid.TryGetValue(uid, out var summary))
                {
                    rows.Add(MessageQueries.ToRow(folder, validity, summary));
                }
            }

            return rows;
        }, cancellationToken);
    }
}
