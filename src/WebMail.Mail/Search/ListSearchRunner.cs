using MailKit.Search;
using WebMail.Mail.Model;
using WebMail.Mail.Queries;
using static WebMail.Mail.Search.ListResults;
using SortOrder = WebMail.Mail.Model.SortOrder;

namespace WebMail.Mail.Search;

/// <summary>Fills a result set: one folder's SEARCH/SORT, or every folder one after another, merged and streamed.</summary>
internal static class ListSearchRunner
{
    /// <summary>How long an all-folder search waits for the first hits' rows to be read before the next folder.</summary>
    private static readonly TimeSpan FirstRowsWait = TimeSpan.FromMilliseconds(300);

    public static async Task RunAsync(ListQueries lists, ListResults set, SearchQuery query, SortOrder order, Action<ListResults> progressed)
    {
        if (!set.AllFolders)
        {
            try
            {
                var folder = set.Folders[0];
                var hits = await lists.FindAsync(folder, query, order, CancellationToken.None).ConfigureAwait(false);
                set.Publish(new Snapshot([folder], [hits.UidValidity], Array.ConvertAll(hits.Uids, u => (ulong)u), true, null));
                set.End();
            }
#pragma warning disable CA1031 // Handed to every reader of the set, who shows its sentence.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                set.Fail(ex);
            }

            return;
        }

        await RunAllAsync(lists, set, query, order, progressed).ConfigureAwait(false);
    }

    /// <summary>
    /// Every folder, one after another on the user's one connection: the architecture gives each user one IMAP
    /// session that runs one command at a time, so folders cannot be searched concurrently; instead the list's folder
    /// goes first and every folder's hits are shown as soon as it answered. A newer query stops this between folders.
    /// </summary>
    private static async Task RunAllAsync(ListQueries lists, ListResults set, SearchQuery query, SortOrder order, Action<ListResults> progressed)
    {
        var folders = set.Folders.ToArray();
        var validities = new uint[folders.Length];
        var found = new List<Found>();
        var failed = new List<string>();
        var token = set.Stop.Token;
        try
        {
            for (var i = 0; i < folders.Length && !token.IsCancellationRequested; i++)
            {
                try
                {
                    // Arrival order is per folder; across folders "newest" is the arrival time (INTERNALDATE).
                    var hits = await lists.FindAsync(folders[i], query, new SortOrder(SortField.Arrival, Descending: false), token).ConfigureAwait(false);
                    validities[i] = hits.UidValidity;
                    if (hits.Uids.Length > 0)
                    {
                        var keys = await lists.KeysAsync(folders[i], hits.UidValidity, hits.Uids, order.Field, token).ConfigureAwait(false);
                        found.Add(new Found(i, hits.Uids, keys));
                    }
                }
                catch (MailException ex) when (ex is not MailSignedOutException)
                {
                    failed.Add(folders[i]);
                }

                var complete = i == folders.Length - 1;
                set.Publish(new Snapshot(folders, validities, Merge(found, order), complete, Notice(failed)));
                progressed(set);
                if (i == 0 && !complete)
                {
                    // The first hits are on screen sooner if their rows are fetched before the next folder is selected
                    // and searched (one command at a time): wait for that read, briefly, as nobody may be reading.
                    await Task.WhenAny(set.FirstRowsRead, Task.Delay(FirstRowsWait, token)).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer query took over: what was found stays, marked incomplete.
        }
#pragma warning disable CA1031 // Handed to every reader of the set, who shows its sentence.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            set.Fail(ex);
            return;
        }
        finally
        {
            // Back to the list's folder, so live mail keeps being watched where the user is.
            if (folders.Length > 1)
            {
                await lists.TrySelectAsync(folders[0]).ConfigureAwait(false);
            }
        }

        set.Publish(set.Current with { Notice = Notice(failed) });
        set.End();
    }

    private static string? Notice(List<string> failed) => failed.Count == 0
        ? null
        : $"{(failed.Count == 1 ? "The folder" : "The folders")} {string.Join(", ", failed)} could not be searched; the results are from the other folders.";

    private sealed record Found(int Folder, uint[] Uids, SortKeyCache.Keys Keys);

    /// <summary>All hits so far in the list's order, by key; ties by folder (search order), then UID, ascending (as SORT ties).</summary>
    private static ulong[] Merge(IReadOnlyList<Found> found, SortOrder order)
    {
        var total = found.Sum(f => f.Uids.Length);
        var entries = new ulong[total];
        var numbers = new long[total];
        var texts = order.Field is SortField.From or SortField.To or SortField.Subject ? new string[total] : null;
        var at = 0;
        foreach (var f in found)
        {
            foreach (var uid in f.Uids)
            {
                entries[at] = Snapshot.Entry(f.Folder, uid);
                if (texts is null)
                {
                    numbers[at] = f.Keys.Number(uid);
                }
                else
                {
                    texts[at] = f.Keys.Text(uid);
                }

                at++;
            }
        }

        var index = new int[total];
        for (var i = 0; i < total; i++)
        {
            index[i] = i;
        }

        var sign = order.Descending ? -1 : 1;
        Array.Sort(index, (a, b) =>
        {
            var byKey = texts is null ? numbers[a].CompareTo(numbers[b]) : string.CompareOrdinal(texts[a], texts[b]);
            return byKey != 0 ? sign * byKey : entries[a].CompareTo(entries[b]);
        });
        return Array.ConvertAll(index, i => entries[i]);
    }
}
