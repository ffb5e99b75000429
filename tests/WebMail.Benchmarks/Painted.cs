using System.Text.Json;
using Microsoft.Playwright;

namespace WebMail.Benchmarks;

/// <summary>What a timed action ended on: the rows on screen when they were painted, and the time it took.</summary>
/// <param name="Ms">Action → the frame that shows the rows has been painted (requestAnimationFrame, then the next task).</param>
/// <param name="DomMs">Action → the rows were in the DOM (before layout and paint).</param>
public sealed record PaintedScreen(double Ms, double DomMs, IReadOnlyList<ScreenRow> Rows);

/// <summary>One message row inside the list pane's visible area.</summary>
public sealed record ScreenRow(string Subject, string From, string Text);

/// <summary>
/// Times "action → the right rows painted" inside the page: a mutation observer tests the rows visible in the list
/// pane after every DOM change (and scroll); when they satisfy the check (right rows, no skeleton or spacer in view unless <c>arg.anyPlaceholders</c>),
/// the time is taken after the next animation frame, i.e. once those rows have been painted.
/// </summary>
internal static class Painted
{
    /// <summary>Installed in every document of the context (before sign-in): visible-row reader and the timer.</summary>
    public const string InitScript = """
        window.__bench = {
          // What scrolls the list: the pane itself, or the list inside it when the list is its own scroller.
          scroller() {
            const pane = document.querySelector(".list-pane");
            const list = pane?.querySelector("ul.messages");
            return list && list.scrollHeight > list.clientHeight + 1 ? list : pane;
          },
          visible() {
            const pane = document.querySelector(".list-pane");
            if (!pane) return { rows: [], placeholders: [] };
            const box = pane.getBoundingClientRect(), clip = window.__bench.scroller().getBoundingClientRect();
            const top = Math.max(box.top, clip.top, 0), bottom = Math.min(box.bottom, clip.bottom, innerHeight);
            const rows = [], placeholders = [];
            for (const li of pane.querySelectorAll("li")) {
              const b = li.getBoundingClientRect();
              if (b.height < 1 || b.bottom <= top + 1 || b.top >= bottom - 1 || li.classList.contains("vr-sizer")) continue;
              if (li.classList.contains("row")) {
                if (li.parentElement.closest("li.row")) continue;
                rows.push({ subject: li.querySelector(".subject")?.textContent ?? "", from: li.querySelector(".from")?.textContent ?? "", text: li.textContent });
              } else if (!li.closest("li.row")) {
                placeholders.push(li.className || li.tagName);
              }
            }
            return { rows, placeholders };
          },
          measure(action, check, arg, timeoutMs) {
            return new Promise((resolve, reject) => {
              const start = performance.now();
              let settled = false, domMs = 0, rows = null;
              const pane = window.__bench.scroller();
              const test = () => {
                if (settled) return;
                const v = window.__bench.visible();
                if ((v.placeholders.length === 0 || arg.anyPlaceholders) && v.rows.length > 0 && check(v.rows, arg)) {
                  settled = true; rows = v.rows; domMs = performance.now() - start; stop();
                  requestAnimationFrame(() => {
                    const c = new MessageChannel();
                    c.port1.onmessage = () => resolve({ ms: performance.now() - start, domMs, rows });
                    c.port2.postMessage(null);
                  });
                }
              };
              const observer = new MutationObserver(test);
              const stop = () => { observer.disconnect(); pane?.removeEventListener("scroll", test); clearTimeout(timer); };
              const timer = setTimeout(() => {
                settled = true; stop();
                const v = window.__bench.visible();
                reject(new Error("not painted within " + timeoutMs + " ms; on screen: " + JSON.stringify({ placeholders: v.placeholders.slice(0, 3), rows: v.rows.slice(0, 4).map(r => r.from + " | " + r.subject) })));
              }, timeoutMs);
              observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
              pane?.addEventListener("scroll", test, { passive: true });
              action(arg);
              // Also every frame: a state reached without a DOM change (e.g. already shown) or by layout alone.
              const poll = () => { if (!settled) { test(); requestAnimationFrame(poll); } };
              requestAnimationFrame(poll);
            });
          },
        };
        """;

    /// <summary>
    /// Runs <paramref name="action"/> (JavaScript statements, <c>arg</c> in scope) and waits until the visible rows
    /// satisfy <paramref name="check"/> (a JavaScript expression over <c>rows</c> and <c>arg</c>) and have been painted.
    /// </summary>
    public static async Task<PaintedScreen> MeasureAsync(IPage page, string action, string check, object arg, int timeoutMs = 60_000)
    {
        var script = $$"""
            arg => window.__bench.measure(arg => { {{action}} }, (rows, arg) => ({{check}}), arg, {{timeoutMs}})
            """;
        var result = await page.EvaluateAsync<JsonElement>(script, arg);
        var rows = result.GetProperty("rows").EnumerateArray()
            .Select(r => new ScreenRow(r.GetProperty("subject").GetString() ?? "", r.GetProperty("from").GetString() ?? "", r.GetProperty("text").GetString() ?? ""))
            .ToList();
        return new PaintedScreen(result.GetProperty("ms").GetDouble(), result.GetProperty("domMs").GetDouble(), rows);
    }

    /// <summary>The rows visible now (untimed), e.g. to calibrate how many rows make a screen.</summary>
    public static async Task<IReadOnlyList<ScreenRow>> VisibleAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>("() => window.__bench.visible()");
        return result.GetProperty("rows").EnumerateArray()
            .Select(r => new ScreenRow(r.GetProperty("subject").GetString() ?? "", r.GetProperty("from").GetString() ?? "", r.GetProperty("text").GetString() ?? ""))
            .ToList();
    }

    /// <summary>JavaScript that navigates inside the app as a link click does (Blazor's router, same circuit).</summary>
    public const string NavigateToArgUrl = "Blazor.navigateTo(arg.url);";

    /// <summary>The number in a subject such as "… no. 4711" or "Generated message 4711"; -1 when there is none.</summary>
    public static int Number(string subject)
    {
        var end = subject.Length;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(subject[start - 1]))
        {
            start--;
        }

        return start < end ? int.Parse(subject.AsSpan(start, end - start), System.Globalization.CultureInfo.InvariantCulture) : -1;
    }
}
