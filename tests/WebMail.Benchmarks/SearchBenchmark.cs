using System.Diagnostics;
using MailKit;
using MailKit.Search;

namespace WebMail.Benchmarks;

/// <summary>
/// Searching a 100,000-message folder for <c>subject:&lt;word&gt;</c> (2,500 hits each) and <c>from:&lt;name&gt;</c>
/// (~1,670 hits each): from navigating to the search's address (as the search box does) to the first screen of
/// results painted — every visible row a hit, the newest hit on top — against a raw UID SEARCH + UID FETCH of a
/// screen of the newest hits on the open session. Each run searches a word or name not searched before in the run.
/// </summary>
public static class SearchBenchmark
{
    private const string Folder = BenchMailboxes.Big;

    public static async Task<int> RunAsync(int iterations)
    {
        await BenchMailboxes.EnsureFindAsync();
        await using var s = await BenchSession.StartAsync(BenchMailboxes.FindUser);
        await s.OpenFolderAsync(Folder, Folder);
        var screen = await s.ScreenRowsAsync();
        var big = await s.DirectFolderAsync(Folder);
        iterations = Math.Min(iterations, (BenchMailboxes.Words.Length / 2) - 4); // each term searched once per run

        await MeasureAsync(s, big, screen, iterations, "subject",
            k => BenchMailboxes.Words[k % BenchMailboxes.Words.Length],
            (word, n) => BenchMailboxes.Word(n) == word,
            word => SearchQuery.SubjectContains(word),
            "rows.every(r => r.subject.toLowerCase().includes(arg.term))");
        await MeasureAsync(s, big, screen, iterations, "from",
            k => BenchMailboxes.Names[k % BenchMailboxes.Names.Length],
            (name, n) => BenchMailboxes.Name(n) == name,
            name => SearchQuery.FromContains(name),
            "rows.every(r => r.from.toLowerCase().includes(arg.term))");
        return 0;
    }

    private static async Task MeasureAsync(BenchSession s, IMailFolder big, int screen, int iterations, string op,
        Func<int, string> term, Func<string, int, bool> matches, Func<string, SearchQuery> query, string everyRowMatches)
    {
        // Runs use terms 0, 1, 2, … (warm-up first): a term is searched once by each side, WebMail's and raw's apart.
        async Task<PaintedScreen> Web(int k, int timeoutMs = 60_000)
        {
            var t = term(2 * k);
            var (newest, _) = BenchMailboxes.Newest(BenchMailboxes.BigCount, n => matches(t, n));
            await BackToFolderAsync(s, screen);
            var painted = await Painted.MeasureAsync(s.Page, Painted.NavigateToArgUrl,
                everyRowMatches + " && rows.length >= Math.min(arg.n - 3, arg.hits) && rows[0].subject.endsWith(' no. ' + arg.newest)",
                new { url = BenchSession.FolderUrl(Folder, "q=" + Uri.EscapeDataString($"{op}:{t}")), term = t.ToLowerInvariant(), n = screen, hits = 2500, newest }, timeoutMs);
            return painted;
        }

        var available = await Feature.AvailableAsync($"{op}: search", () => Web(0, 20_000));
        var runs = new Interleaved($"Search {op}:<term> in a 100,000-message folder", iterations);
        await runs.RunAsync(
            available ? async i => (await Web(i + 4)).Ms : null,
            async i => await RawAsync(big, query(term((2 * (i + 4)) + 1)), screen));
        runs.Report($"WebMail: go to ?q={op}:… → first screen of hits painted", $"raw: UID SEARCH {op.ToUpperInvariant()} + UID FETCH {screen} newest hits (open session)", 1.3);
        if (available)
        {
            await s.ProfileAsync($"search {op}:", () => Web(30));
        }
    }

    /// <summary>
    /// Back to the plain folder view, untimed: its newest rows painted by the server's new list (no search or sort
    /// status line, the folder's label, not busy). The address bar and the old rows alone say nothing: the browser
    /// changes its location at once, and the next timed run would otherwise pay for the server still doing this one.
    /// </summary>
    internal static async Task BackToFolderAsync(BenchSession s, int screen, string folder = Folder, string? newest = null) =>
        await Painted.MeasureAsync(s.Page, Painted.NavigateToArgUrl,
            """
            rows.length >= arg.n - 3 && (!arg.newest || rows[0].subject === arg.newest) && !location.search
              && !document.querySelector(".list-pane .list-status")
              && document.querySelector(`ul.messages[aria-label="Messages in ${arg.folder}"][aria-busy=false]`)
            """,
            new { url = BenchSession.FolderUrl(folder), n = screen, newest, folder });

    /// <summary>Raw: UID SEARCH, then the newest screenful of hits fetched; returns the elapsed milliseconds.</summary>
    internal static async Task<double> RawAsync(IMailFolder folder, SearchQuery query, int screen)
    {
        var watch = Stopwatch.StartNew();
        var uids = await folder.SearchAsync(query);
        var newest = uids.OrderByDescending(u => u.Id).Take(screen).ToList();
        if (newest.Count > 0)
        {
            await BenchMailboxes.FetchRowsAsync(folder, newest);
        }

        watch.Stop();
        return newest.Count > 0 ? watch.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"raw search {query} found nothing");
    }
}
