using System.Diagnostics;
using MailKit;
using MailKit.Search;

namespace WebMail.Benchmarks;

/// <summary>
/// Searching all 20 folders (3,000 messages each) for <c>subject:&lt;word&gt;</c> (75 hits per folder): from navigating
/// to the search's address with <c>scope=all</c> to the first hits painted (every visible row a hit; a "still
/// searching" line may show), against the fastest folder's raw search on one open session: SELECT + UID SEARCH +
/// UID FETCH of a screen of its newest hits, each folder timed on its own (all 20 one after another for reference).
/// </summary>
public static class SearchAllBenchmark
{
    public static async Task<int> RunAsync(int iterations)
    {
        await BenchMailboxes.EnsureFoldersAsync();
        var first = BenchMailboxes.FolderName(1);
        await using var s = await BenchSession.StartAsync(BenchMailboxes.FoldersUser);
        await s.OpenFolderAsync(first, first);
        var screen = await s.ScreenRowsAsync();
        var folders = new List<IMailFolder>();
        for (var f = 1; f <= BenchMailboxes.FolderCount; f++)
        {
            folders.Add(await s.Direct.GetFolderAsync(BenchMailboxes.FolderName(f)));
        }

        iterations = Math.Min(iterations, (BenchMailboxes.Words.Length / 2) - 4);
        async Task<PaintedScreen> Web(int k, int timeoutMs = 60_000)
        {
            var word = BenchMailboxes.Words[2 * k % BenchMailboxes.Words.Length];
            await SearchBenchmark.BackToFolderAsync(s, screen, first);
            return await Painted.MeasureAsync(s.Page, Painted.NavigateToArgUrl,
                "rows.every(r => r.subject.toLowerCase().startsWith(arg.term + ' '))",
                new { url = BenchSession.FolderUrl(first, $"q={Uri.EscapeDataString("subject:" + word)}&scope=all"), term = word, anyPlaceholders = true }, timeoutMs);
        }

        var available = await Feature.AvailableAsync("all-folder search", () => Web(0, 20_000));
        var runs = new Interleaved($"Search subject:<word> in all {BenchMailboxes.FolderCount} folders", iterations);
        await runs.RunAsync(
            available ? async i => (await Web(i + 4)).Ms : null,
            async i =>
            {
                var word = BenchMailboxes.Words[((2 * (i + 4)) + 1) % BenchMailboxes.Words.Length];
                var times = new List<double>();
                foreach (var folder in folders)
                {
                    var watch = Stopwatch.StartNew();
                    await folder.OpenAsync(FolderAccess.ReadWrite);
                    await SearchBenchmark.RawAsync(folder, SearchQuery.SubjectContains(word), screen);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                runs.Note(i, $"reference: raw, all {folders.Count} folders one after another", times.Sum());
                return times.Min();
            });
        runs.Report("WebMail: go to ?q=subject:…&scope=all → first hits painted",
            $"raw: fastest folder's SELECT + UID SEARCH SUBJECT + UID FETCH {screen} newest hits (open session)", 1.5);
        if (available)
        {
            await s.ProfileAsync("all-folder search", () => Web(15));
        }

        return 0;
    }
}
