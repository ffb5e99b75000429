using System.Diagnostics;
using MailKit;
using Microsoft.Playwright;
using WebMail.Testing;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// A 100,000-message folder: the list is as tall as its rows, and a scrollbar position shows the rows at that
/// position (it used to collapse to ~1/20 of its height, so the middle of the scrollbar showed the end of the folder).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LargeFolderListTests(BrowserFixture browser)
{
    // Seeding 100,000 messages takes minutes on this machine, so one fixed user is seeded once and reused.
    private const string User = "list-100k@test.example";
    private const string Folder = "Big";
    private const int Messages = 100_000;
    private const double RowHeight = 58;

    [Fact]
    public async Task HundredThousandFolder_OpenShowsLoadingThenScrollbarPositionsShowTheRowsAtThosePositions()
    {
        await EnsureSeededAsync();
        await using var session = await browser.SignedInAsync(User);
        var page = session.Page;
        await page.EvaluateAsync(
            """
            () => {
              window.sawLoading = false;
              new MutationObserver(() => {
                const status = document.querySelector("ul[aria-label='Messages in Big'][aria-busy=true] [role=status]");
                if (status?.textContent.includes("Loading messages")) window.sawLoading = true;
              }).observe(document.body, { childList: true, subtree: true });
            }
            """);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = Folder }).ClickAsync();
        var list = page.GetByRole(AriaRole.List, new() { Name = $"Messages in {Folder}" });
        await Assertions.Expect(list.GetByRole(AriaRole.Link, new() { Name = $"Generated message {Messages}" })).ToBeVisibleAsync();

        // While the first rows were on their way the pane said so (never blank); once they came, it stopped saying so.
        Assert.True(await page.EvaluateAsync<bool>("() => window.sawLoading"));
        await Assertions.Expect(list.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await Assertions.Expect(list).ToHaveAttributeAsync("aria-busy", "false");

        var pane = page.Locator(".list-pane");
        var height = await pane.EvaluateAsync<double>("p => p.scrollHeight");
        Assert.InRange(height, Messages * RowHeight * 0.99, Messages * RowHeight * 1.01);

        // The middle of the scrollbar: rows around position 50,000 (newest first, so "Generated message ~50,000").
        await pane.EvaluateAsync("p => p.scrollTop = (p.scrollHeight - p.clientHeight) / 2");
        var middle = await FirstVisibleNumberAsync(page, n => $"n >= {Messages / 2 - 2_000} && n <= {Messages / 2 + 2_000}");
        Assert.InRange(middle, (Messages / 2) - 2_000, (Messages / 2) + 2_000);

        // A jump to position 500 shows position ~500 (it used to show ~11,600).
        await pane.EvaluateAsync($"p => p.scrollTop = {500 * RowHeight}");
        var near = await FirstVisibleNumberAsync(page, n => $"n >= {Messages - 520} && n <= {Messages - 480}");
        Assert.InRange(near, Messages - 520, Messages - 480);
    }

    /// <summary>Waits until the first row visible in the list pane satisfies <paramref name="condition"/> and returns its number.</summary>
    private static async Task<int> FirstVisibleNumberAsync(IPage page, Func<string, string> condition)
    {
        var script = $$"""
            () => {
              const pane = document.querySelector(".list-pane").getBoundingClientRect();
              const row = [...document.querySelectorAll(".list-pane li.row")].find(r => {
                const b = r.getBoundingClientRect();
                return b.bottom > pane.top + 60 && b.top < pane.bottom;
              });
              const match = row && /Generated message (\d+)/.exec(row.textContent);
              const n = match ? Number(match[1]) : -1;
              return {{condition("n")}} ? n : null;
            }
            """;
        try
        {
            var handle = await page.WaitForFunctionAsync(script, null, new() { Timeout = 30_000, PollingInterval = 100 });
            return await handle.JsonValueAsync<int>();
        }
        catch (TimeoutException)
        {
            // Say which row the list shows instead (the bug showed ~11,600 positions too far, or the end of the folder).
            var shown = await page.EvaluateAsync<int>(script.Replace(condition("n"), "true", StringComparison.Ordinal));
            Assert.Fail($"the first visible row never satisfied {condition("n")}; it shows message {shown}");
            throw;
        }
    }

    private static async Task EnsureSeededAsync()
    {
        using (var client = await MailStack.ConnectAsync(User))
        {
            var existing = (await client.GetFoldersAsync(client.PersonalNamespaces[0])).FirstOrDefault(f => f.FullName == Folder);
            if (existing is not null)
            {
                await existing.StatusAsync(StatusItems.Count);
                if (existing.Count == Messages)
                {
                    return;
                }

                await existing.DeleteAsync();
            }

            await client.DisconnectAsync(true);
        }

        var watch = Stopwatch.StartNew();
        await Seeder.SeedGeneratedAsync(User, MailStack.TestPassword, Folder, Messages);
        Console.WriteLine($"seeded {Messages:N0} messages in {watch.Elapsed.TotalSeconds:0} s");
    }
}
