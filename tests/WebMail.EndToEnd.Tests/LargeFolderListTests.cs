using System.Diagnostics;
using System.Globalization;
using MailKit;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// A 100,000-message folder: any scroll position shows exactly the rows at that position (thumb drags to the middle,
/// a quarter, near the end, the end and back to the top; PageDown, arrows, End, Home), both below the scroll cap and
/// past it (scaled scrolling, as a folder of more than ~170,000 messages is at the default cap).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LargeFolderListTests(BrowserFixture browser)
{
    // Seeding 100,000 messages takes a while on this machine, so one fixed user is seeded once and reused
    // (tests here only read it; they never add or remove mail in it).
    internal const string User = "list-100k@test.example";
    internal const string Folder = "Big";
    internal const int Messages = 100_000;
    private const int DefaultCap = 10_000_000;

    [Fact]
    public async Task HundredThousandFolder_OpenShowsLoadingThenJumpsAndKeysShowExactlyTheRowsAtThosePositions()
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
        var probe = new ListProbe(page, Folder, DefaultCap);
        await Assertions.Expect(probe.List.GetByRole(AriaRole.Link, new() { Name = $"Generated message {Messages}" })).ToBeVisibleAsync();

        // While the first rows were on their way the pane said so (never blank); once they came, it stopped saying so.
        Assert.True(await page.EvaluateAsync<bool>("() => window.sawLoading"));
        await Assertions.Expect(probe.List.GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await Assertions.Expect(probe.List).ToHaveAttributeAsync("aria-busy", "false");

        // Below the cap the list is exactly as tall as its rows.
        Assert.Equal(Messages * ListProbe.RowHeight, await probe.List.EvaluateAsync<double>("l => l.scrollHeight"), 1);

        await JumpsAndKeysAsync(page, probe);
    }

    [Fact]
    public async Task HundredThousandFolder_ScaledPastTheCap_JumpsAndKeysShowExactlyTheRowsAtThosePositionsAndSkeletonsNeverABlank()
    {
        await EnsureSeededAsync();
        const int Cap = 1_000_000; // 100,000 rows × 58 px = 5.8 M px: scaled, as 570,000+ messages are at Chromium's real limit
        await using var app = new KestrelWebMailFactory().With("WebMail:List:MaxScrollPixels", Cap.ToString(CultureInfo.InvariantCulture));
        app.StartServer();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, User);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = Folder }).ClickAsync();
        var probe = new ListProbe(page, Folder, Cap);
        Assert.Equal([Messages, Messages - 1], (await probe.AssertRowsAtPositionAsync(Messages)).Take(2));
        Assert.Equal(Cap, await probe.List.EvaluateAsync<double>("l => l.scrollHeight"), 1);
        await Assertions.Expect(probe.List.Locator("[data-virtual-rows]")).ToHaveAttributeAsync("data-scaled", "true");

        // A jump into rows not read yet shows skeleton rows at once, frame after frame until the rows come: never a blank.
        await probe.StartWatchingForBlanksAsync();
        await probe.DragToAsync(0.75);
        await probe.AssertRowsAtPositionAsync(Messages);
        var (frames, skeletonFrames, blankFrames) = await probe.StopWatchingForBlanksAsync();
        Assert.True(skeletonFrames > 0, $"no skeleton in {frames} frames");
        Assert.Equal(0, blankFrames);

        // Past the cap a wheel notch still moves the rows by its own distance (580 px: 10 rows), not 5.8 times that.
        await probe.DragToAsync(0);
        Assert.Equal(Messages, (await probe.AssertRowsAtPositionAsync(Messages))[0]);
        var box = (await probe.List.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + (box.Width / 2), box.Y + (box.Height / 2));
        await page.Mouse.WheelAsync(0, (float)(10 * ListProbe.RowHeight));
        await page.WaitForFunctionAsync("() => Number(document.querySelector(\"ul[aria-label='Messages in Big'] [data-virtual-rows]\").dataset.scrollTop) > 0");
        Assert.InRange((await probe.AssertRowsAtPositionAsync(Messages))[0], Messages - 11, Messages - 9);

        await JumpsAndKeysAsync(page, probe);
    }

    /// <summary>Thumb drags, then keys, each checked against the rows at the position reached.</summary>
    private static async Task JumpsAndKeysAsync(IPage page, ListProbe probe)
    {
        await probe.DragToAsync(0.5);
        Assert.InRange((await probe.AssertRowsAtPositionAsync(Messages))[0], (Messages / 2) - 20, (Messages / 2) + 20);
        await probe.DragToAsync(0.25);
        Assert.InRange((await probe.AssertRowsAtPositionAsync(Messages))[0], (Messages * 3 / 4) - 20, (Messages * 3 / 4) + 20);
        await probe.DragToAsync(0.999);
        Assert.InRange((await probe.AssertRowsAtPositionAsync(Messages))[0], 1, 200);
        await probe.DragToAsync(1);
        Assert.Equal(1, (await probe.AssertRowsAtPositionAsync(Messages))[^1]);
        await probe.DragToAsync(0);
        Assert.Equal(Messages, (await probe.AssertRowsAtPositionAsync(Messages))[0]);

        // Keys on a focused row: a page, arrows, the last message of the folder, the first.
        var pageRows = await probe.PageRowsAsync();
        await probe.FocusTopRowAsync();
        await probe.WaitFocusedAsync(Messages);
        await page.Keyboard.PressAsync("PageDown");
        await probe.WaitFocusedAsync(Messages - pageRows);
        await probe.AssertRowsAtPositionAsync(Messages);
        await page.Keyboard.PressAsync("PageDown");
        await probe.WaitFocusedAsync(Messages - (2 * pageRows));
        await probe.AssertRowsAtPositionAsync(Messages);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowUp");
        await probe.WaitFocusedAsync(Messages - (2 * pageRows) - 1);
        await page.Keyboard.PressAsync("End");
        await probe.WaitFocusedAsync(1);
        Assert.Equal(1, (await probe.AssertRowsAtPositionAsync(Messages))[^1]);
        await page.Keyboard.PressAsync("ArrowUp");
        await probe.WaitFocusedAsync(2);
        await page.Keyboard.PressAsync("Home");
        await probe.WaitFocusedAsync(Messages);
        Assert.Equal(Messages, (await probe.AssertRowsAtPositionAsync(Messages))[0]);

        // From the middle, the row above the view: the list scrolls to it.
        await probe.DragToAsync(0.5);
        var middle = (await probe.AssertRowsAtPositionAsync(Messages))[0];
        await probe.FocusTopRowAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await probe.WaitFocusedAsync(middle + 1);
        await probe.AssertRowsAtPositionAsync(Messages);
    }

    internal static async Task EnsureSeededAsync()
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
