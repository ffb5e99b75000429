using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>The mail server stops answering (every Dovecot process frozen, sockets open): the user is told plainly, in time, and it clears on recovery.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OutageTests(BrowserFixture browser)
{
    private const int TimeoutSeconds = 5;

    /// <summary>Time allowed past the IMAP timeout for the sentence to reach the screen (room for a busy machine; the product default is 30 s).</summary>
    private const int RenderMarginSeconds = 10;

    [Fact]
    public async Task FrozenMailServer_OpeningAMessageSaysSoWithinTheTimeoutAndRecovers()
    {
        var user = MailStack.NewUser("outage");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("plain-text-urls-and-escaping.eml")]);
        await using var app = new KestrelWebMailFactory().With("WebMail:Imap:TimeoutSeconds", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.StartServer();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress });
        context.SetDefaultTimeout(60_000);
        await using var _ = context;
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        var row = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" }).GetByRole(AriaRole.Link).First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        var status = page.Locator(".connection-status");
        await Assertions.Expect(status).ToBeEmptyAsync();

        var clock = Stopwatch.StartNew();
        using (DovecotFreezer.FreezeAll())
        {
            await row.ClickAsync();
            // The timeout bounds the wait (a frozen server is never waited on for ever); the margin covers the click,
            // the circuit and rendering on a busy CI machine, where 2 s once proved too little.
            await Assertions.Expect(page.GetByText($"The mail server did not answer within {TimeoutSeconds} seconds")).ToBeVisibleAsync(new() { Timeout = (TimeoutSeconds + RenderMarginSeconds) * 1000 });
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(TimeoutSeconds + RenderMarginSeconds), $"the user waited {clock.Elapsed} for the message");
            await Assertions.Expect(status).ToHaveTextAsync(new Regex("^Mail server unavailable since \\d{1,2}:\\d{2}(\\s[AP]M)? — retrying$"));
            var shown = await page.Locator("body").InnerTextAsync();
            Assert.DoesNotContain($":{MailStack.ImapPort}", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1", shown, StringComparison.Ordinal);
        }

        // The server answers again: the notice goes away and the message opens, both by themselves.
        await Assertions.Expect(status).ToBeEmptyAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Links & <angle brackets> in plain text" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("did not answer")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task FrozenMailServer_ASearchSaysSoKeepsItsWordsAndAnswersOnceTheServerIsBack()
    {
        var user = MailStack.NewUser("outage");
        await Seeder.SeedGeneratedAsync(user, MailStack.TestPassword, "INBOX", 30);
        await using var app = new KestrelWebMailFactory().With("WebMail:Imap:TimeoutSeconds", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        app.StartServer();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress });
        context.SetDefaultTimeout(60_000);
        await using var _ = context;
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" }).GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        var box = page.GetByRole(AriaRole.Search, new() { Name = "Search mail" }).GetByLabel("Search mail");

        using (DovecotFreezer.FreezeAll())
        {
            await box.FillAsync("subject:\"Generated message 2\"");
            await box.PressAsync("Enter");
            // The list does not claim to be searching a server that does not answer; the top bar says since when.
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Waiting for the mail server to answer" }))
                .ToBeVisibleAsync(new() { Timeout = (TimeoutSeconds + RenderMarginSeconds) * 1000 });
            await Assertions.Expect(page.Locator(".connection-status")).ToHaveTextAsync(new Regex("^Mail server unavailable since"));

            // What the user typed is still there, in the box and in the address.
            await Assertions.Expect(box).ToHaveValueAsync("subject:\"Generated message 2\"");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=subject"));
        }

        // Back: the same search answers by itself (message 2 and 20–29), with nothing about the outage left on the page.
        var results = page.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Assertions.Expect(results.GetByRole(AriaRole.Link)).ToHaveCountAsync(11);
        await Assertions.Expect(page.GetByText("did not answer")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Waiting for the mail server")).ToHaveCountAsync(0);
    }
}
