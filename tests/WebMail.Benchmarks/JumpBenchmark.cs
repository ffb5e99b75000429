using System.Diagnostics;
using System.Globalization;
using MailKit;

namespace WebMail.Benchmarks;

/// <summary>
/// Jumping to the middle of a 100,000-message folder (the scrollbar dragged there): from setting the list's scroll
/// position to the right rows painted — consecutive messages, the first within 300 of the position asked for, no
/// skeleton in view — against a raw FETCH of a screen of rows at such a position on the open session. Every run
/// jumps to a position not visited before (30–70 % down), so neither side answers from a cache of its own.
/// </summary>
public static class JumpBenchmark
{
    private const int Total = FolderOpenBenchmark.Messages;

    public static async Task<int> RunAsync(int iterations)
    {
        await FolderOpenBenchmark.EnsureSeededAsync();
        await using var s = await BenchSession.StartAsync(FolderOpenBenchmark.User);
        await s.OpenFolderAsync(FolderOpenBenchmark.Folder, FolderOpenBenchmark.Folder);
        var screen = await s.ScreenRowsAsync();
        Console.WriteLine($"a screen is {screen} rows ({BenchSession.Width}×{BenchSession.Height} viewport)");
        var big = await s.DirectFolderAsync(FolderOpenBenchmark.Folder);

        var runs = new Interleaved("Jump to the middle of a 100,000-message folder", iterations);
        var domTimes = new List<double>();
        await runs.RunAsync(
            async i =>
            {
                var painted = await JumpAsync(s, Position(2 * (i + 10)), screen);
                runs.Note(i, "of WebMail's: rows in the DOM (before layout and paint)", painted.DomMs);

                // The browser path's floor: away to the top and back to the rows just read (kept, so no IMAP).
                await JumpAsync(s, 0, screen);
                var floor = await JumpAsync(s, Position(2 * (i + 10)), screen);
                runs.Note(i, "floor: the same jump to rows read just before (no IMAP: circuit, render, paint)", floor.Ms);
                return painted.Ms;
            },
            async i => await FetchAsync(big, Position((2 * (i + 10)) + 1), screen));
        runs.Report("WebMail: scroll position set → the right rows painted", $"raw: FETCH {screen} rows at that position (open session, folder selected)", 1.5);
        await s.ProfileAsync("jump", () => JumpAsync(s, Position(1), screen));
        return 0;
    }

    /// <summary>Distinct positions between 30 % and 70 % of the folder (golden-ratio steps).</summary>
    private static double Position(int k) => 0.3 + (0.4 * (k * 0.6180339887 % 1.0));

    /// <summary>The newest message number at the top of the screen for position <paramref name="f"/> (newest first).</summary>
    private static int Expected(double f, int screen) => Total - (int)Math.Round(f * (Total - screen));

    private static async Task<PaintedScreen> JumpAsync(BenchSession s, double f, int screen)
    {
        var expected = Expected(f, screen);
        var painted = await Painted.MeasureAsync(
            s.Page,
            "const p = window.__bench.scroller(); p.scrollTop = arg.f * (p.scrollHeight - p.clientHeight);",
            """
            rows.length >= arg.n - 1 && rows.every((r, i) => {
              const m = /(\d+)$/.exec(r.subject);
              return m && Number(m[1]) === Number(/(\d+)$/.exec(rows[0].subject)?.[1]) - i && Math.abs(Number(m[1]) - arg.expected) <= 300 + i;
            })
            """,
            new { f, n = screen, expected });
        var first = Painted.Number(painted.Rows[0].Subject);
        return Math.Abs(first - expected) <= 300
            ? painted
            : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"jumped to {f:P1}: expected message ~{expected}, painted {first}"));
    }

    private static async Task<double> FetchAsync(IMailFolder big, double f, int screen)
    {
        var top = Expected(f, screen);
        var watch = Stopwatch.StartNew();
        var rows = await big.FetchAsync(top - screen, top - 1, BenchMailboxes.RowItems);
        watch.Stop();
        var subjects = rows.OrderByDescending(r => r.Index).Select(r => r.Envelope?.Subject).ToList();
        return subjects.Count == screen && subjects[0] == $"Generated message {top}"
            ? watch.Elapsed.TotalMilliseconds
            : throw new InvalidOperationException($"raw FETCH at {top}: got {subjects.FirstOrDefault()} ({subjects.Count} rows)");
    }
}
