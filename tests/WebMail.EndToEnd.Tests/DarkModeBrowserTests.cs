using System.Globalization;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Dark mode in Chromium: a device that prefers dark gets a dark page from the first paint; a message that sets no
/// colours is dark in its frame, one with its own white background keeps it; "View in light" per message; the top
/// bar's theme toggle changes a second tab at once. Screenshots of the mail page, light and dark, desktop and phone,
/// are saved under the test output (screenshots/).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DarkModeBrowserTests(BrowserFixture browser)
{
    private const string Dark = "rgb(28, 32, 38)";
    private const string White = "rgb(255, 255, 255)";

    [Fact]
    public async Task DarkDevice_PageAndPlainMailDark_DesignedMailKeepsItsWhite_ToggleChangesEveryTab()
    {
        var user = MailStack.NewUser("dark");
        var sender = MailStack.NewUser("darkfrom");
        await PhoneLayoutBrowserTests.AppendAsync(user, Html(sender, user, "Plain words", "<p>Hello, this message sets <b>no colours</b> at all.</p>", -20));
        await PhoneLayoutBrowserTests.AppendAsync(user, Html(sender, user, "Designed newsletter",
            "<table style=\"background-color:#ffffff\" width=\"100%\"><tr><td style=\"color:#333333\">Big sale on white paper</td></tr></table>", -10));

        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress,
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            ColorScheme = ColorScheme.Dark,
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);

        // The page: dark, as the device prefers (the user's Theme is System).
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "system");
        Assert.True(await BodyIsDarkAsync(page), "the page is not dark on a device that prefers dark");

        // A message with no colours of its own: dark in its frame; "View in light" shows it on white.
        await page.GetByRole(AriaRole.Link, new() { Name = "Plain words" }).ClickAsync();
        var frameRoot = page.FrameLocator("iframe[title='Message content']").Locator("html");
        var plainText = page.FrameLocator("iframe[title='Message content']").GetByText("sets no colours");
        await Assertions.Expect(frameRoot).ToHaveCSSAsync("background-color", Dark);
        await Assertions.Expect(plainText).ToBeVisibleAsync();
        await Shots(page, "mail-dark-1280x800");
        var viewInLight = page.GetByRole(AriaRole.Button, new() { Name = "View in light" });
        await viewInLight.ClickAsync();
        await Assertions.Expect(frameRoot).ToHaveCSSAsync("background-color", White);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "View in dark" })).ToBeVisibleAsync();

        // A message with its own white background keeps it (on a light canvas), its text dark.
        await page.GetByRole(AriaRole.Link, new() { Name = "Designed newsletter" }).ClickAsync();
        var designed = page.FrameLocator("iframe[title='Message content']");
        await Assertions.Expect(designed.GetByText("Big sale on white paper")).ToBeVisibleAsync();
        await Assertions.Expect(designed.Locator("table")).ToHaveCSSAsync("background-color", White);
        await Assertions.Expect(designed.Locator("td")).ToHaveCSSAsync("color", "rgb(51, 51, 51)");
        await Assertions.Expect(designed.Locator("html")).ToHaveCSSAsync("background-color", White);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "View in dark" })).ToBeVisibleAsync();

        // The toggle in the top bar saves the user's Theme: a second tab follows at once.
        var other = await context.NewPageAsync();
        await other.GotoAsync("/");
        await UserActions.WaitInteractiveAsync(other);
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Theme: system" });
        await toggle.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Theme: light" })).ToBeVisibleAsync();
        await Assertions.Expect(other.Locator("html")).ToHaveAttributeAsync("data-theme", "light");
        Assert.False(await BodyIsDarkAsync(other), "the second tab stayed dark after the user chose Light");
        await page.GetByRole(AriaRole.Link, new() { Name = "Plain words" }).ClickAsync();
        await Assertions.Expect(frameRoot).ToHaveCSSAsync("background-color", White);
        await Assertions.Expect(plainText).ToBeVisibleAsync();
        await Shots(page, "mail-light-1280x800");
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(plainText).ToBeVisibleAsync();
        await Shots(page, "mail-light-390x844");

        // Dark, forced: both tabs; a reload keeps it from the first byte (the server puts it on <html>).
        await page.SetViewportSizeAsync(1280, 800);
        await page.GetByRole(AriaRole.Button, new() { Name = "Theme: light" }).ClickAsync();
        await Assertions.Expect(other.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.True(await BodyIsDarkAsync(other), "the second tab is not dark after the user chose Dark");
        var response = await other.ReloadAsync();
        Assert.Contains("data-theme=\"dark\"", await response!.TextAsync(), StringComparison.Ordinal);
        await Assertions.Expect(frameRoot).ToHaveCSSAsync("background-color", Dark);
        await page.SetViewportSizeAsync(390, 844);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(plainText).ToBeVisibleAsync();
        await Shots(page, "mail-dark-390x844");
    }

    private static async Task<bool> BodyIsDarkAsync(IPage page)
    {
        var colour = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        var parts = colour[(colour.IndexOf('(', StringComparison.Ordinal) + 1)..colour.IndexOf(')', StringComparison.Ordinal)].Split(',');
        var (r, g, b) = (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
        return (0.2126 * r) + (0.7152 * g) + (0.0722 * b) < 80;
    }

    private static async Task Shots(IPage page, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png") });
    }

    private static MimeMessage Html(string from, string to, string subject, string html, int minutes)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow.AddMinutes(minutes) };
        message.From.Add(new MailboxAddress("Designer", from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Body = new BodyBuilder { HtmlBody = html }.ToMessageBody();
        return message;
    }
}
