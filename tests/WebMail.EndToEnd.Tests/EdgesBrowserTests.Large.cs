using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

public sealed partial class EdgesBrowserTests
{
    [Fact]
    public async Task MegabyteBodiesInDarkMode_ShownAndListStaysUsable_AxeCleanMidHundredThousandFolder()
    {
        var user = MailStack.NewUser("edgebig");
        var text = new StringBuilder();
        for (var line = 1; text.Length < 1024 * 1024; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Line {line:000000}: the quarterly figures, once more, in plain words for the archive.\r\n");
        }

        text.Append("The very last line of the long text.\r\n");
        var html = new StringBuilder("<div style=\"background-color:#fff8dc;color:#8b0000\">");
        for (var row = 1; html.Length < 1024 * 1024; row++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Row {row:000000} of the designed report, with <b>its own colours</b>.</p>");
        }

        html.Append("<p>The end of the designed report.</p></div>");
        await PhoneLayoutBrowserTests.AppendAsync(user, Note("A short note"));
        await PhoneLayoutBrowserTests.AppendAsync(user, Note("A megabyte of plain text", text: text.ToString()));
        await PhoneLayoutBrowserTests.AppendAsync(user, Note("A megabyte of designed HTML", html: html.ToString()));

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            ColorScheme = ColorScheme.Dark,
        });
        await using var _ = context;
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        var inbox = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });

        // A megabyte of plain text: all of it, dark like the page, in a pane that scrolls to its last line.
        await inbox.GetByRole(AriaRole.Link, new() { Name = "A megabyte of plain text" }).ClickAsync();
        var body = page.Locator(".text-body");
        await Assertions.Expect(body).ToContainTextAsync("Line 000001: the quarterly figures");
        await Assertions.Expect(body).ToContainTextAsync("The very last line of the long text.");
        await Assertions.Expect(page.GetByText("only its beginning is shown")).ToHaveCountAsync(0);
        Assert.True(await IsDarkAsync(page.Locator("body"), "backgroundColor"), "the page behind the long text is not dark");
        Assert.False(await IsDarkAsync(body, "color"), "the long text is not light on dark");
        var scroller = await body.EvaluateAsync<string>(
            "b => { let e = b; while (e && !(e.scrollHeight > e.clientHeight + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowY))) e = e.parentElement; return e ? e.className : 'none'; }");
        Assert.True(scroller.Contains("reader-pane", StringComparison.Ordinal), $"the long text is scrolled by {scroller}, not the reader pane");
        await PhoneLayoutBrowserTests.AssertNoSidewaysScrollAsync(page, "a megabyte of plain text");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight <= innerHeight + 1"), "the whole page grew with the long text");
        await page.GetByText("The very last line of the long text.").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(page.GetByText("The very last line of the long text.")).ToBeInViewportAsync();

        // The page stays responsive: the list still opens another message at once.
        await inbox.GetByRole(AriaRole.Link, new() { Name = "A short note" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "A short note" })).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // A megabyte of HTML with its own colours keeps them in dark mode.
        await inbox.GetByRole(AriaRole.Link, new() { Name = "A megabyte of designed HTML" }).ClickAsync();
        var frame = page.FrameLocator("iframe[title='Message content']");
        await Assertions.Expect(frame.Locator("p").Last).ToHaveTextAsync("The end of the designed report.");
        await Assertions.Expect(frame.Locator("div").First).ToHaveCSSAsync("background-color", "rgb(255, 248, 220)");
        await Assertions.Expect(frame.Locator("p").First).ToHaveCSSAsync("color", "rgb(139, 0, 0)");
        await inbox.GetByRole(AriaRole.Link, new() { Name = "A short note" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "A short note" })).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // axe on the middle of the 100,000-message folder (the virtualized rows at that position).
        var axe = new AxeScan();
        await LargeFolderListTests.EnsureSeededAsync();
        var big = await context.NewPageAsync();
        await UserActions.SignInAsync(big, LargeFolderListTests.User);
        await big.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = LargeFolderListTests.Folder }).ClickAsync();
        var probe = new ListProbe(big, LargeFolderListTests.Folder, 10_000_000);
        await Assertions.Expect(probe.List.GetByRole(AriaRole.Link, new() { Name = $"Generated message {LargeFolderListTests.Messages}" })).ToBeVisibleAsync();
        await probe.DragToAsync(0.5);
        var middle = (await probe.AssertRowsAtPositionAsync(LargeFolderListTests.Messages))[0];
        Assert.InRange(middle, (LargeFolderListTests.Messages / 2) - 20, (LargeFolderListTests.Messages / 2) + 20);
        await Assertions.Expect(probe.List).ToHaveAttributeAsync("aria-busy", "false");
        await axe.CheckAsync(big, "middle of a 100,000-message folder");
        await probe.FocusTopRowAsync();
        await big.Keyboard.PressAsync("ArrowDown");
        await probe.WaitFocusedAsync(middle - 1);
        await axe.CheckAsync(big, "a focused row in the middle of a 100,000-message folder");
        axe.AssertClean();
    }

    /// <summary>Whether a CSS colour of the element is dark (relative luminance below a third).</summary>
    private static async Task<bool> IsDarkAsync(ILocator element, string property)
    {
        var colour = await element.EvaluateAsync<string>($"e => getComputedStyle(e)['{property}']");
        var parts = colour[(colour.IndexOf('(', StringComparison.Ordinal) + 1)..colour.IndexOf(')', StringComparison.Ordinal)].Split(',');
        var (r, g, b) = (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
        return (0.2126 * r) + (0.7152 * g) + (0.0722 * b) < 85;
    }
}
