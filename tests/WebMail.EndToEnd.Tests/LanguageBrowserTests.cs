using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>Languages in Chromium: the browser's language and zone, a language change reaching every tab, right-to-left mail.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LanguageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task GermanBrowser_GermanUi_LanguageChangeSwitchesEveryTab_HebrewMailReadsRightToLeft()
    {
        var user = MailStack.NewUser("lang");
        var hebrew = new MimeMessage { Subject = "שלום לכולם", Date = new DateTimeOffset(2020, 5, 1, 23, 30, 0, TimeSpan.Zero) };
        hebrew.From.Add(new MailboxAddress("דנה", "dana@example.org"));
        hebrew.To.Add(MailboxAddress.Parse(user));
        hebrew.Body = new TextPart("html") { Text = "<p>זוהי הודעה בעברית, והיא נקראת מימין לשמאל.</p>" };
        await MailStack.DeliverAsync(hebrew, user);
        await MailStack.WaitForInboxAsync(user, 1);

        // A German browser in Tokyo: sign-in, mail view and dates in German, in Tokyo time (1 May 23:30 UTC is 2 May there).
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress,
            Locale = "de-DE",
            TimezoneId = "Asia/Tokyo",
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(user);
        await page.GetByLabel("Passwort").FillAsync(MailStack.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Posteingang", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Neue Nachricht" })).ToBeVisibleAsync();
        var row = page.Locator(".messages .row").First;
        await Assertions.Expect(row.Locator(".date")).ToHaveTextAsync("02.05.2020");

        // The Hebrew subject, sender and body read right to left (dir="auto"), the German UI around them left to right.
        Assert.Equal("rtl", await Direction(row.Locator(".subject")));
        Assert.Equal("rtl", await Direction(row.Locator(".from")));
        await row.Locator("a").ClickAsync();
        var subject = page.GetByRole(AriaRole.Heading, new() { Name = "שלום לכולם", Level = 2 });
        await Assertions.Expect(subject).ToBeVisibleAsync();
        Assert.Equal("rtl", await Direction(subject));
        var body = page.FrameLocator("iframe.html-body").Locator("body");
        await Assertions.Expect(body).ToContainTextAsync("בעברית");
        Assert.Equal("rtl", await Direction(body));
        Assert.Equal("ltr", await Direction(page.GetByRole(AriaRole.Toolbar, new() { Name = "Nachrichtenaktionen" })));

        // A second tab on the settings page picks French: both tabs reload in French.
        var second = await context.NewPageAsync();
        await second.GotoAsync("/settings");
        await UserActions.WaitInteractiveAsync(second);
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Sprache und Region" })).ToBeVisibleAsync();
        await second.GetByLabel("Sprache", new() { Exact = true }).SelectOptionAsync("fr");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Nouveau message" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Boîte de réception", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".messages .row .date").First).ToHaveTextAsync("02/05/2020");
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Langue et région" })).ToBeVisibleAsync();
        await Assertions.Expect(second.GetByLabel("Langue", new() { Exact = true })).ToHaveValueAsync("fr");
    }

    private static Task<string> Direction(ILocator element) => element.EvaluateAsync<string>("e => getComputedStyle(e).direction");
}
