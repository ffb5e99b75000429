using System.Diagnostics;
using MailKit;
using MailKit.Search;

namespace WebMail.Benchmarks;

/// <summary>
/// Turning on the conversation view of a 10,000-message folder of reply chains: from the click on the
/// "Conversations" toggle above the list to the first screen of conversations painted — the newest conversations
/// (by their last message) in order, one row each — against a raw UID THREAD REFERENCES + UID FETCH of every
/// message of the conversations on that screen, on the open session. The toggle is turned off between runs (untimed).
/// </summary>
public static class ConversationBenchmark
{
    private const string Folder = BenchMailboxes.Threads;
    private const string Toggle = "[...document.querySelectorAll('button')].find(b => /conversations/i.test(b.textContent))";

    public static async Task<int> RunAsync(int iterations)
    {
        await BenchMailboxes.EnsureThreadsAsync();
        await using var s = await BenchSession.StartAsync(BenchMailboxes.ThreadsUser);
        await s.OpenFolderAsync(Folder, Folder);
        var screen = await s.ScreenRowsAsync();
        var folder = await s.DirectFolderAsync(Folder);
        var newest = NewestThreads(screen);

        async Task<PaintedScreen> Web()
        {
            await SetToggleAsync(s, on: false, screen);
            return await Painted.MeasureAsync(s.Page, $"{Toggle}.click();",
                $"{Toggle}?.getAttribute('aria-pressed') === 'true' && rows.length >= arg.n - 3 && rows.every((r, i) => r.text.includes('Topic ' + arg.threads[i] + ':'))",
                new { n = screen, threads = newest });
        }

        var available = await Feature.AvailableAsync("conversation view", Web);
        var runs = new Interleaved("Conversation view of a 10,000-message folder", iterations);
        await runs.RunAsync(
            available ? async _ => (await Web()).Ms : null,
            async _ =>
            {
                var watch = Stopwatch.StartNew();
                var threads = await folder.ThreadAsync(ThreadingAlgorithm.References, SearchQuery.All);
                var top = threads.Select(t => Uids(t).ToList()).OrderByDescending(u => u.Max(x => x.Id)).Take(screen).ToList();
                var rows = await BenchMailboxes.FetchRowsAsync(folder, [.. top.SelectMany(u => u)]);
                watch.Stop();
                var firstTopic = rows.Where(r => top[0].Contains(r.UniqueId)).Select(r => r.Envelope?.Subject ?? "").First();
                return firstTopic.Contains($"Topic {newest[0]}:", StringComparison.Ordinal)
                    ? watch.Elapsed.TotalMilliseconds
                    : throw new InvalidOperationException($"raw THREAD: newest conversation is \"{firstTopic}\", expected topic {newest[0]}");
            });
        runs.Report("WebMail: click Conversations → first screen of conversations painted",
            $"raw: UID THREAD REFERENCES + UID FETCH of the {screen} newest conversations' messages (open session)", 1.5);
        if (available)
        {
            await s.ProfileAsync("conversation view", Web);
            await SetToggleAsync(s, on: false, screen);
        }

        return 0;
    }

    /// <summary>The conversations with the newest last messages, newest first (what the first screen shows).</summary>
    private static int[] NewestThreads(int count)
    {
        var seen = new List<int>();
        for (var n = BenchMailboxes.ThreadMessages; n >= 1 && seen.Count < count; n--)
        {
            var t = ConversationMail.Of(n).Thread;
            if (!seen.Contains(t))
            {
                seen.Add(t);
            }
        }

        return [.. seen];
    }

    private static IEnumerable<UniqueId> Uids(MessageThread thread) =>
        (thread.UniqueId is { } uid ? [uid] : Enumerable.Empty<UniqueId>()).Concat(thread.Children.SelectMany(Uids));

    /// <summary>Turns the per-user toggle on or off (untimed) and waits for the list to show the messages again.</summary>
    private static async Task SetToggleAsync(BenchSession s, bool on, int screen)
    {
        var pressed = await s.Page.EvaluateAsync<string?>($"() => {Toggle}?.getAttribute('aria-pressed')");
        if (pressed is null)
        {
            throw new InvalidOperationException("no Conversations toggle above the list");
        }

        if ((pressed == "true") != on)
        {
            await s.Page.EvaluateAsync($"() => {Toggle}.click()");
            await s.Page.WaitForFunctionAsync($"() => {Toggle}?.getAttribute('aria-pressed') === '{(on ? "true" : "false")}' && window.__bench.visible().rows.length >= {screen - 3}");
        }
    }
}
