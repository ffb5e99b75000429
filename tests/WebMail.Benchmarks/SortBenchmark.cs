using System.Diagnostics;
using MailKit;
using MailKit.Search;

namespace WebMail.Benchmarks;

/// <summary>
/// Sorting a 100,000-message folder by sender: from navigating to <c>?sort=from-asc</c> (as the sort control does) to
/// the first screen painted — every visible row from the alphabetically first sender (Aaliyah, 1,667 messages) —
/// against a raw UID SORT (FROM) + UID FETCH of the first screen on the open session. The folder's plain view is
/// shown between runs; the first sort of the run is printed apart (Dovecot and WebMail may keep sort keys after it).
/// </summary>
public static class SortBenchmark
{
    private const string Folder = BenchMailboxes.Big;

    public static async Task<int> RunAsync(int iterations)
    {
        await BenchMailboxes.EnsureFindAsync();
        await using var s = await BenchSession.StartAsync(BenchMailboxes.FindUser);
        await s.OpenFolderAsync(Folder, Folder);
        var screen = await s.ScreenRowsAsync();
        var big = await s.DirectFolderAsync(Folder);
        var firstSender = BenchMailboxes.Names.Order(StringComparer.Ordinal).First();

        async Task<PaintedScreen> Web(int timeoutMs = 60_000)
        {
            await SearchBenchmark.BackToFolderAsync(s, screen);
            return await Painted.MeasureAsync(s.Page, Painted.NavigateToArgUrl,
                "rows.length >= arg.n - 3 && rows.every(r => r.from.includes(arg.sender))",
                new { url = BenchSession.FolderUrl(Folder, "sort=from-asc"), n = screen, sender = firstSender }, timeoutMs);
        }

        var available = await Feature.AvailableAsync("sort by from", () => Web(20_000));
        var runs = new Interleaved("Sort a 100,000-message folder by sender", iterations);
        await runs.RunAsync(
            available ? async _ => (await Web()).Ms : null,
            async _ =>
            {
                var watch = Stopwatch.StartNew();
                var sorted = await big.SortAsync(SearchQuery.All, [OrderBy.From]);
                var rows = await BenchMailboxes.FetchRowsAsync(big, [.. sorted.Take(screen)]);
                watch.Stop();
                return rows.All(r => (r.Envelope?.From.Mailboxes.First().Name ?? "").StartsWith(firstSender, StringComparison.Ordinal))
                    ? watch.Elapsed.TotalMilliseconds
                    : throw new InvalidOperationException("raw SORT (FROM) did not put the first sender first");
            });
        runs.Report("WebMail: go to ?sort=from-asc → first screen painted", $"raw: UID SORT (FROM) + UID FETCH {screen} rows (open session)", 1.3);
        if (available)
        {
            await s.ProfileAsync("sort by from", () => Web());
        }

        return 0;
    }
}
