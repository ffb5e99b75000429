using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebMail.Web.Components.Mail;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Reads a message list of generated messages ("Generated message N", newest first, so row i is message total − i)
/// in Chromium: scrolls it as a user would, waits until what is drawn is the current position's rows (state, not
/// time: the list's <c>data-scroll-top</c> is the position and <c>data-loading</c> is false), and checks every row in
/// view against the layout's arithmetic (<see cref="VirtualRowsLayout"/>).
/// </summary>
internal sealed partial class ListProbe(IPage page, string folder, int maxScrollPixels)
{
    public const double RowHeight = 58;

    public ILocator List => page.GetByRole(AriaRole.List, new() { Name = $"Messages in {folder}" });

    private string ListSelector => $"ul[aria-label='Messages in {folder}']";

    /// <summary>Sets the list's scroll position as a thumb drag does (a fraction of its scroll range).</summary>
    public Task DragToAsync(double fraction) =>
        List.EvaluateAsync("(l, f) => l.scrollTop = (l.scrollHeight - l.clientHeight) * f", fraction);

    /// <summary>Waits for the rows of the current position, checks each row in view is the row at that offset, and returns their numbers, top first.</summary>
    public async Task<IReadOnlyList<int>> AssertRowsAtPositionAsync(int total)
    {
        var seen = await SettledAsync(total);
        var layout = new VirtualRowsLayout(total, RowHeight, maxScrollPixels, seen.Viewport);
        var offset = layout.OffsetAt(seen.ScrollTop);
        Assert.NotEmpty(seen.Rows);

        // The rows fill the view without gaps, 58 px apart, each the row at its offset into the folder.
        Assert.True(seen.Rows[0].Top <= 0.5, $"the first row starts {seen.Rows[0].Top} px into the view");
        Assert.True(seen.Rows[^1].Top + RowHeight >= Math.Min(seen.Viewport, layout.Height) - 0.5, "the rows reach the bottom of the view");
        for (var i = 0; i < seen.Rows.Count; i++)
        {
            var row = seen.Rows[i];
            var expected = total - (int)Math.Floor((offset + row.Top + (RowHeight / 2)) / RowHeight);
            Assert.True(expected == row.Number, $"the row {row.Top:0.#} px into the view (offset {offset:0.#}, total {total}) shows message {row.Number}, not {expected}");
            if (i > 0)
            {
                Assert.Equal(seen.Rows[i - 1].Top + RowHeight, row.Top, 0.5);
            }
        }

        return [.. seen.Rows.Select(r => r.Number)];
    }

    /// <summary>Waits until the focused element is the link of message <paramref name="number"/>, wholly in view.</summary>
    public async Task WaitFocusedAsync(int number)
    {
        const string Script = """
            ([selector, number]) => {
              const list = document.querySelector(selector), a = document.activeElement;
              if (!list || !a || !list.contains(a) || !a.textContent.includes(`Generated message ${number}`)) return false;
              if (!new RegExp(`Generated message ${number}(?!\\d)`).test(a.textContent)) return false;
              const l = list.getBoundingClientRect(), r = a.getBoundingClientRect();
              return r.top >= l.top - 0.5 && r.bottom <= l.top + list.clientHeight + 0.5;
            }
            """;
        try
        {
            await page.WaitForFunctionAsync(Script, new object[] { ListSelector, number }, new() { Timeout = 30_000, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            var focused = await page.EvaluateAsync<string?>("() => document.activeElement?.textContent");
            var where = await page.EvaluateAsync<string?>(
                """
                selector => {
                  const list = document.querySelector(selector), a = document.activeElement;
                  if (!list || !a) return "no list or no focus";
                  const l = list.getBoundingClientRect(), r = a.getBoundingClientRect();
                  return `row ${r.top.toFixed(1)}..${r.bottom.toFixed(1)} px, list from ${l.top.toFixed(1)} px, ${list.clientHeight} px tall, scrolled ${list.scrollTop}`;
                }
                """, ListSelector);
            var trace = await page.EvaluateAsync<string?>("() => (window.__vrTrace || []).slice(-80).join('\\n')");
            Assert.Fail($"message {number} never got the focus in view ({where}); the focus is on \"{focused?.Trim()}\"\nTRACE\n{trace}");
        }
    }

    /// <summary>The list's viewport height, in pixels.</summary>
    public Task<double> ViewportAsync() => List.EvaluateAsync<double>("l => l.clientHeight");

    /// <summary>Rows a PageDown moves (the script's page: the rows in view less one).</summary>
    public async Task<int> PageRowsAsync() => Math.Max(1, (int)Math.Floor(await ViewportAsync() / RowHeight) - 1);

    /// <summary>Focuses the link of the row at the top of the view.</summary>
    public Task FocusTopRowAsync() => List.EvaluateAsync(
        """
        l => {
          window.__vrTrace = [];
          const top = l.getBoundingClientRect().top;
          const row = [...l.querySelectorAll("li.row")].find(r => r.getBoundingClientRect().bottom > top + 1);
          row.querySelector("a").focus();
        }
        """);

    /// <summary>Starts recording, every animation frame, what the view shows at five heights: a row, a skeleton, or nothing.</summary>
    public Task StartWatchingForBlanksAsync() => List.EvaluateAsync(
        """
        l => {
          const w = window.listWatch = { frames: 0, skeletonFrames: 0, blankFrames: 0, on: true };
          const tick = () => {
            if (!w.on) return;
            const b = l.getBoundingClientRect();
            let skeleton = false, blank = false;
            for (let k = 0; k < 5; k++) {
              const li = document.elementFromPoint(b.left + 60, b.top + 2 + k * (l.clientHeight - 4) / 4)?.closest("li");
              if (!li || !l.contains(li)) blank = true;
              else if (li.matches(".skeleton, .vr-before, .vr-after")) skeleton = true;
              else if (!li.matches(".row")) blank = true;
            }
            w.frames++; if (skeleton) w.skeletonFrames++; if (blank) w.blankFrames++;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        }
        """);

    /// <summary>Stops the recording: how many frames showed skeletons, and how many showed a blank somewhere.</summary>
    public async Task<(int Frames, int SkeletonFrames, int BlankFrames)> StopWatchingForBlanksAsync()
    {
        var w = await page.EvaluateAsync<JsonElement>("() => { window.listWatch.on = false; return window.listWatch; }");
        return (w.GetProperty("frames").GetInt32(), w.GetProperty("skeletonFrames").GetInt32(), w.GetProperty("blankFrames").GetInt32());
    }

    private async Task<Seen> SettledAsync(int total)
    {
        const string Settled = """
            ([selector, total]) => {
              const list = document.querySelector(selector), anchor = list?.querySelector("[data-virtual-rows]");
              if (!anchor?.virtualRows || anchor.dataset.loading !== "false" || Number(anchor.dataset.total) !== total) return false;
              const position = anchor.virtualRows.position();
              return Math.abs(Number(anchor.dataset.scrollTop) - position.scrollTop) < 0.01 && !list.querySelector("li.skeleton");
            }
            """;
        try
        {
            await page.WaitForFunctionAsync(Settled, new object[] { ListSelector, total }, new() { Timeout = 30_000, PollingInterval = 50 });
        }
        catch (TimeoutException)
        {
            var state = await page.EvaluateAsync<string>($"() => JSON.stringify({{ ...document.querySelector(\"{ListSelector}\")?.querySelector('[data-virtual-rows]')?.dataset }})");
            Assert.Fail($"the list never settled on its position with {total} rows: {state}");
        }

        var raw = await List.EvaluateAsync<JsonElement>(
            """
            l => {
              const anchor = l.querySelector("[data-virtual-rows]"), position = anchor.virtualRows.position();
              const top = l.getBoundingClientRect().top + l.clientTop;
              const rows = [...l.querySelectorAll("li.row")]
                .map(r => ({ top: r.getBoundingClientRect().top - top, text: r.textContent }))
                .filter(r => r.top + 58 > 0.5 && r.top < l.clientHeight - 0.5);
              return { scrollTop: position.scrollTop, viewport: position.viewport, rows };
            }
            """);
        var rows = raw.GetProperty("rows").EnumerateArray()
            .Select(r => new SeenRow(r.GetProperty("top").GetDouble(), int.Parse(NumberPattern().Match(r.GetProperty("text").GetString()!).Groups[1].Value, CultureInfo.InvariantCulture)))
            .ToList();
        return new Seen(raw.GetProperty("scrollTop").GetDouble(), raw.GetProperty("viewport").GetDouble(), rows);
    }

    [GeneratedRegex(@"Generated message (\d+)")]
    private static partial Regex NumberPattern();

    private sealed record Seen(double ScrollTop, double Viewport, List<SeenRow> Rows);

    private sealed record SeenRow(double Top, int Number);
}
