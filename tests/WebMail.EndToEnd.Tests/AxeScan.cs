using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Runs axe-core on what the page shows now, once in light and once in dark (Playwright's emulated
/// prefers-color-scheme, with reduced motion so no colour is caught mid-transition), and collects every violation.
/// </summary>
public sealed class AxeScan
{
    // Besides axe's default rules: the experimental rule that catches an accessible name not matching the visible text.
    private static readonly AxeRunOptions Options = new()
    {
        Rules = new Dictionary<string, RuleOptions> { ["label-content-name-mismatch"] = new() { Enabled = true } },
    };

    // The message itself is the sender's HTML, shown in a sandboxed frame: axe checks the app around it.
    private static readonly AxeRunContext Context = new()
    {
        Exclude = [new AxeSelector("iframe.html-body"), new AxeSelector("iframe.preview-frame")],
    };

    private readonly List<string> _violations = [];

    public int States { get; private set; }

    /// <summary>Scans the page's present state in both colour schemes; <paramref name="state"/> names it in the report.</summary>
    public async Task CheckAsync(IPage page, string state)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme, ReducedMotion = ReducedMotion.Reduce });
            await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
            var result = await ScanAsync(page);
            foreach (var violation in result.Violations)
            {
                foreach (var node in violation.Nodes)
                {
                    _violations.Add($"[{state}, {scheme}] {violation.Id} ({violation.Impact}) at {node.Target}: {Why(node)} — {Shorten(node.Html)}");
                }
            }
        }

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
        States++;
    }

    /// <summary>
    /// One axe run, repeated while it finds something, up to four runs: what the last run finds is reported. Chromium
    /// applies an emulated colour scheme to the page's styles a few frames after matchMedia reports it, and now and
    /// then leaves one element in the old scheme's colour for a few frames more (the text of the reader's header light
    /// on the dark pane, once in CI): a violation that goes away by itself while nothing happens is not one a user meets.
    /// A real one is in every run.
    /// </summary>
    private static async Task<AxeResult> ScanAsync(IPage page)
    {
        var result = await page.RunAxe(Context, Options);
        for (var run = 1; run < 4 && result.Violations.Length > 0; run++)
        {
            result = await page.RunAxe(Context, Options);
        }

        return result;
    }

    /// <summary>Fails with every violation found (rule id, target and page state), one a line.</summary>
    public void AssertClean()
    {
        var report = new StringBuilder($"axe-core found {_violations.Count} violation(s) in {States} page states:\n");
        foreach (var line in _violations.Distinct())
        {
            report.AppendLine(line);
        }

        Assert.True(_violations.Count == 0, report.ToString());
    }

    private static string Why(AxeResultNode node) =>
        string.Join("; ", node.All.Concat(node.None).Concat(node.Any).Select(check => check.Message).Distinct().Take(2));

    private static string Shorten(string? html) => html is null ? "" : html.Length <= 160 ? html : html[..160] + "…";
}
