using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>The settings page in Chromium: a change applies at once in another open tab, and desktop notifications work.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SettingsBrowserTests(BrowserFixture browser)
{
    /// <summary>
    /// Records every notification instead of showing it (window.__notifications) and lets the test say whether the tab
    /// is in the background (window.__hidden), as a headless tab is always visible.
    /// </summary>
    private const string NotificationProbe = """
        (() => {
          const Real = window.Notification;
          window.__notifications = [];
          window.__hidden = false;
          function Probe(title, options) { window.__notifications.push({ title, body: options?.body ?? "", tag: options?.tag ?? "" }); }
          Object.defineProperty(Probe, "permission", { get: () => Real.permission });
          Probe.requestPermission = (...args) => Real.requestPermission(...args);
          window.Notification = Probe;
          Object.defineProperty(Document.prototype, "hidden", { get: () => window.__hidden, configurable: true });
        })();
        """;

    [Fact]
    public async Task TwoTabs_DensityAndReadingPaneChangedInSettings_MailTabLayoutFollowsWithoutReload()
    {
        var user = MailStack.NewUser("settings-ui");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("plain-text-urls-and-escaping.eml")]);
        await using var session = await browser.SignedInAsync(user);
        var mail = session.Page;
        var app = mail.Locator(".app");
        var row = mail.Locator("li.row").First;
        await Assertions.Expect(row).ToHaveCSSAsync("height", "58px");
        await Assertions.Expect(app).ToHaveClassAsync(new Regex(@"\bpane-right\b"));

        var settings = await session.Context.NewPageAsync();
        await settings.GotoAsync("/settings");
        await UserActions.WaitInteractiveAsync(settings);

        // Compact rows.
        await settings.GetByRole(AriaRole.Radio, new() { Name = "Compact" }).CheckAsync();
        await Assertions.Expect(settings.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        await Assertions.Expect(app).ToHaveClassAsync(new Regex(@"\bdensity-compact\b"));
        await Assertions.Expect(row).ToHaveCSSAsync("height", "40px");

        // The reader below the list: the open message shows under it.
        await settings.GetByRole(AriaRole.Radio, new() { Name = "Below the list" }).CheckAsync();
        await Assertions.Expect(app).ToHaveCSSAsync("grid-template-areas", "\"top top\" \"folders list\" \"folders reader\"");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        var reader = mail.Locator(".reader-pane");
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Links & <angle brackets> in plain text" })).ToBeVisibleAsync();
        var list = (await mail.Locator(".list-pane").BoundingBoxAsync())!;
        var below = (await reader.BoundingBoxAsync())!;
        Assert.True(below.Y >= list.Y + list.Height - 1, $"the reader (y {below.Y}) is not below the list (y {list.Y}, height {list.Height})");

        // No reading pane: the open message takes the list's place; back in the folder, the list is back.
        await settings.GetByRole(AriaRole.Radio, new() { Name = "Off: a message opens in place of the list" }).CheckAsync();
        await Assertions.Expect(app).ToHaveClassAsync(new Regex(@"\bpane-off\b"));
        await Assertions.Expect(mail.Locator(".list-pane")).ToBeHiddenAsync();
        await Assertions.Expect(reader).ToBeVisibleAsync();
        await mail.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = "Inbox" }).First.ClickAsync();
        await Assertions.Expect(mail.Locator(".list-pane")).ToBeVisibleAsync();
        await Assertions.Expect(reader).ToBeHiddenAsync();

        // Back to the default in the other direction: the settings tab shows what the mail tab's own toggle chose.
        await mail.GetByRole(AriaRole.Button, new() { Name = "Conversations" }).ClickAsync();
        await Assertions.Expect(settings.GetByRole(AriaRole.Checkbox, new() { Name = "Conversation view" })).ToBeCheckedAsync();
    }

    [Fact]
    public async Task Notifications_TurnedOnAndAllowed_OneNotificationPerNewInboxMessageOnlyInTheBackground()
    {
        var user = MailStack.NewUser("notify-ui");
        await using var session = await browser.SignedInAsync(user);
        await session.Context.GrantPermissionsAsync(["notifications"], new() { Origin = browser.BaseAddress.TrimEnd('/') });
        await session.Context.AddInitScriptAsync(NotificationProbe);
        var page = session.Page;
        await page.GotoAsync("/settings");
        await UserActions.WaitInteractiveAsync(page);

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Desktop notifications for new mail" }).CheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        await page.GotoAsync("/");
        await UserActions.WaitInteractiveAsync(page);

        // While the tab is in front: the row arrives, no notification.
        await MailStack.DeliverAsync(Message("While you look"), user);
        await Assertions.Expect(page.Locator("li.row").Filter(new() { HasText = "While you look" })).ToBeVisibleAsync();

        // In the background: one notification, the sender as title and the subject as text.
        await page.EvaluateAsync("() => { window.__hidden = true; }");
        await MailStack.DeliverAsync(Message("While you are away"), user);
        await page.WaitForFunctionAsync("() => window.__notifications.length > 0");
        var shown = await page.EvaluateAsync<string>("() => JSON.stringify(window.__notifications.map(n => [n.title, n.body]))");
        Assert.Equal("""[["Live Sender","While you are away"]]""", shown);
    }

    private static MimeMessage Message(string subject)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Hello." } };
        message.From.Add(new MailboxAddress("Live Sender", "live@example.org"));
        return message;
    }
}
