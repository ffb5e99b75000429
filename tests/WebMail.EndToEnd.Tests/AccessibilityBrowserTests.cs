using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// axe-core on every page and dialog a user reaches, each state in light and dark: the assertion lists every
/// violation with its rule id, target and the state it was found in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AccessibilityBrowserTests(BrowserFixture browser)
{
    private static readonly string[] Fixtures = ["html-inline-cid-logo.eml", "attachment-png-and-jpeg.eml", "attachment-pdf-invoice.flagged.eml"];

    private static ILocator Tree(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" });

    private static ILocator Inbox(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });

    [Fact]
    public async Task SignedOutPages_AxeFindsNothing_LightAndDark()
    {
        var axe = new AxeScan();
        var (context, _) = await browser.NewContextAsync();
        await using var _ = context;
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/login");
        await Assertions.Expect(page.GetByLabel("Email address")).ToBeVisibleAsync();
        await axe.CheckAsync(page, "sign-in");

        await page.GetByLabel("Email address").FillAsync(MailStack.NewUser("axeout"));
        await page.GetByLabel("Password").FillAsync("wrong password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "incorrect" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "sign-in refused");

        await page.GotoAsync("/account/login?signedOut=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await axe.CheckAsync(page, "signed out");

        await page.GotoAsync("/account/problem?code=unavailable");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Cannot sign you in" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "sign-in problem");

        axe.AssertClean();
    }

    [Fact]
    public async Task MailPageReaderAndDialogs_AxeFindsNothing_LightAndDark()
    {
        var axe = new AxeScan();
        var user = MailStack.NewUser("axemail");
        await Seeder.SeedAsync(user, MailStack.TestPassword, Fixtures.Select(Corpus.File));
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        await Assertions.Expect(Inbox(page).GetByRole(AriaRole.Link)).ToHaveCountAsync(3);
        await axe.CheckAsync(page, "mail list");

        await page.Keyboard.PressAsync("?");
        var help = page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });
        await Assertions.Expect(help).ToBeVisibleAsync();
        await axe.CheckAsync(page, "shortcut help");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(help).ToHaveCountAsync(0);

        await Inbox(page).GetByRole(AriaRole.Link, new() { Name = "Inline logo via cid" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inline logo via cid" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "reader (HTML)");

        await Inbox(page).GetByRole(AriaRole.Link, new() { Name = "Photos: PNG and JPEG attachments" }).ClickAsync();
        var thumbnail = page.GetByRole(AriaRole.Button, new() { Name = "Show ticket-volume-chart.png full size" });
        await Assertions.Expect(thumbnail.Locator("img")).ToHaveJSPropertyAsync("complete", true);
        await axe.CheckAsync(page, "reader (attachments)");
        await thumbnail.ClickAsync();
        var preview = page.GetByRole(AriaRole.Dialog, new() { Name = "ticket-volume-chart.png" });
        await Assertions.Expect(preview).ToBeFocusedAsync();
        await axe.CheckAsync(page, "image preview");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(preview).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select message: Invoice 2026-10-042" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Toolbar, new() { Name = "Selected messages" }).GetByRole(AriaRole.Button, new() { Name = "Archive" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "selection toolbar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Clear selection" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Advanced search" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Form, new() { Name = "Advanced search" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "advanced search");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search mail" }).FillAsync("invoice");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await axe.CheckAsync(page, "search results");

        await Tree(page).GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Conversations" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Conversations" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.Locator(".loading")).ToHaveCountAsync(0);
        await axe.CheckAsync(page, "conversations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Conversations" }).ClickAsync();

        await Tree(page).GetByRole(AriaRole.Button, new() { Name = "New folder" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Folder name")).ToBeFocusedAsync();
        await axe.CheckAsync(page, "new folder dialog");
        await page.GetByLabel("Folder name").FillAsync("Receipts");
        await page.Keyboard.PressAsync("Enter");
        var receipts = Tree(page).Locator("li[data-folder=\"Receipts\"]");
        await Assertions.Expect(receipts).ToBeVisibleAsync();
        await receipts.GetByRole(AriaRole.Button, new() { Name = "Actions for Receipts" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Menu, new() { Name = "Actions for Receipts" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "folder menu");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("This cannot be undone.");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToBeEnabledAsync();
        await axe.CheckAsync(page, "delete folder confirm");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await Tree(page).GetByRole(AriaRole.Button, new() { Name = "Show all folders" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Status)).ToHaveCountAsync(0);
        await axe.CheckAsync(page, "all folders dialog");

        axe.AssertClean();
    }

    [Fact]
    public async Task ComposeAndSettingsPages_AxeFindsNothing_LightAndDark()
    {
        var axe = new AxeScan();
        await using var session = await browser.SignedInAsync(MailStack.NewUser("axeset"));
        var page = session.Page;

        await page.GotoAsync("/compose");
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Message" })).ToBeVisibleAsync();
        await axe.CheckAsync(page, "compose");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main p.error[role=alert]")).ToBeFocusedAsync();
        await axe.CheckAsync(page, "compose refused");

        foreach (var (address, heading) in new[]
                 {
                     ("/settings", "Settings"), ("/settings/identities", "Identities"), ("/settings/address-book", "Address book"),
                     ("/settings/labels", "Labels"), ("/settings/devices", "Signed-in devices"), ("/settings/filters", "Filters"),
                     ("/settings/vacation", "Vacation reply"),
                 })
        {
            await page.GotoAsync(address);
            await UserActions.WaitInteractiveAsync(page);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(heading);
            await axe.CheckAsync(page, address);
        }

        axe.AssertClean();
    }
}
