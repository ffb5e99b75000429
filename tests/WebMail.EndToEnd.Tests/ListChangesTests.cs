using MailKit;
using MailKit.Search;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// The list stays true while the folder changes under it (mail arriving at the top, mail expunged), past the scroll
/// cap too; and a folder of one message behaves like any other.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ListChangesTests(BrowserFixture browser)
{
    private const string Folder = "Many";
    private const int Messages = 3_000;

    [Fact]
    public async Task ScaledFolder_MailArrivesAtTheTopThenIsExpunged_ADeepPositionShowsTheRowsAtThatPositionAndTheCountFollows()
    {
        var user = MailStack.NewUser("list");
        await Seeder.SeedGeneratedAsync(user, MailStack.TestPassword, Folder, Messages);
        const int Cap = 100_000; // 3,000 rows × 58 px = 174,000 px: positions are scaled
        await using var app = new KestrelWebMailFactory().With("WebMail:List:MaxScrollPixels", "100000");
        app.StartServer();
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = Folder }).ClickAsync();
        var probe = new ListProbe(page, Folder, Cap);
        Assert.Equal(Messages, (await probe.AssertRowsAtPositionAsync(Messages))[0]);

        await probe.DragToAsync(0.6);
        var before = await probe.AssertRowsAtPositionAsync(Messages);
        Assert.InRange(before[0], 1_000, 1_400);

        using var client = await MailStack.ConnectAsync(user);
        var folder = await client.GetFolderAsync(Folder);
        await folder.OpenAsync(FolderAccess.ReadWrite);

        // Two messages arrive (the newest, so at the top): the same position now shows the rows two further on.
        foreach (var number in new[] { Messages + 1, Messages + 2 })
        {
            var message = new MimeMessage { Subject = $"Generated message {number}", Date = DateTimeOffset.UtcNow };
            message.From.Add(new MailboxAddress("Late sender", "late@example.org"));
            message.To.Add(MailboxAddress.Parse(user));
            message.Body = new TextPart("plain") { Text = "Arrived while the list was open." };
            await folder.AppendAsync(new AppendRequest(message));
        }

        await probe.AssertRowsAtPositionAsync(Messages + 2);
        await Assertions.Expect(probe.List.Locator("[data-virtual-rows]")).ToHaveAttributeAsync("data-total", $"{Messages + 2}");

        // The five newest are expunged: the rows at the position follow, and the count drops.
        var newest = (await folder.SearchAsync(SearchQuery.All)).OrderByDescending(u => u.Id).Take(5).ToList();
        await folder.AddFlagsAsync(newest, MessageFlags.Deleted, silent: true);
        await folder.ExpungeAsync();
        await probe.AssertRowsAtPositionAsync(Messages - 3);

        // Still true at the ends.
        await probe.DragToAsync(1);
        Assert.Equal(1, (await probe.AssertRowsAtPositionAsync(Messages - 3))[^1]);
        await probe.DragToAsync(0);
        Assert.Equal(Messages - 3, (await probe.AssertRowsAtPositionAsync(Messages - 3))[0]);
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task FocusedRow_MailArrivesAbove_TheFocusStaysOnItsMessageAndTheKeysGoOnFromThere()
    {
        var user = MailStack.NewUser("list");
        await Seeder.SeedGeneratedAsync(user, MailStack.TestPassword, "Few", 30);
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = "Few" }).ClickAsync();
        var probe = new ListProbe(page, "Few", 10_000_000);
        Assert.Equal(30, (await probe.AssertRowsAtPositionAsync(30))[0]);

        // The reader moves down to message 27 (the fourth row).
        await probe.FocusTopRowAsync();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await probe.WaitFocusedAsync(27);

        // Two messages arrive at the top: message 27 is now the sixth row, and it keeps the focus.
        using var client = await MailStack.ConnectAsync(user);
        var folder = await client.GetFolderAsync("Few");
        foreach (var number in new[] { 31, 32 })
        {
            var message = new MimeMessage { Subject = $"Generated message {number}", Date = DateTimeOffset.UtcNow };
            message.From.Add(new MailboxAddress("Late sender", "late@example.org"));
            message.To.Add(MailboxAddress.Parse(user));
            message.Body = new TextPart("plain") { Text = "Arrived while a row had the focus." };
            await folder.AppendAsync(new AppendRequest(message));
        }

        await Assertions.Expect(probe.List.Locator("[data-virtual-rows]")).ToHaveAttributeAsync("data-total", "32");
        await Assertions.Expect(probe.List.GetByRole(AriaRole.Link).First).ToContainTextAsync("Generated message 32");
        await probe.WaitFocusedAsync(27);

        // The keys go on from the message, not from its old place.
        await page.Keyboard.PressAsync("ArrowDown");
        await probe.WaitFocusedAsync(26);
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        await probe.WaitFocusedAsync(28);
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task OneMessageFolder_ItsRowAndNothingElseWhateverTheKeyOrScroll()
    {
        var user = MailStack.NewUser("list");
        await Seeder.SeedGeneratedAsync(user, MailStack.TestPassword, "One", 1);
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = "One" }).ClickAsync();
        var probe = new ListProbe(page, "One", 10_000_000);

        Assert.Equal([1], await probe.AssertRowsAtPositionAsync(1));
        await probe.FocusTopRowAsync();
        foreach (var key in new[] { "End", "PageDown", "ArrowDown", "Home", "ArrowUp", "PageUp" })
        {
            await page.Keyboard.PressAsync(key);
            await probe.WaitFocusedAsync(1);
        }

        await probe.DragToAsync(1);
        Assert.Equal([1], await probe.AssertRowsAtPositionAsync(1));
        await Assertions.Expect(probe.List.Locator("li.skeleton")).ToHaveCountAsync(0);
        Assert.Equal(ListProbe.RowHeight, await probe.List.EvaluateAsync<double>("l => [...l.children].filter(c => !c.matches('.vr-sizer')).reduce((h, c) => h + c.getBoundingClientRect().height, 0)"), 1);
    }
}
