using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>The label and mail settings pages in Chromium: what a user changes there is kept.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LabelSettingsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Labels_CreateRenameRecolourAndDelete_ListedAsChangedAfterReload()
    {
        await using var session = await browser.SignedInAsync(MailStack.NewUser("labels-ui"));
        var page = session.Page;
        await OpenAsync(page, "/settings/labels");
        var labels = page.GetByRole(AriaRole.List, new() { Name = "Labels" });
        await Assertions.Expect(labels.GetByRole(AriaRole.Listitem, new() { Name = "Important", Exact = true })).ToBeVisibleAsync();

        // Add "Customers" with the colour picker.
        var add = page.GetByRole(AriaRole.Form, new() { Name = "New label" });
        await add.GetByLabel("Name").FillAsync("Customers");
        await add.GetByLabel("Colour", new() { Exact = true }).FillAsync("#0055aa");
        await add.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Label “Customers” added.");
        var customers = labels.GetByRole(AriaRole.Listitem, new() { Name = "Customers" });
        await Assertions.Expect(customers.Locator(".label-chip")).ToHaveCSSAsync("background-color", "rgb(0, 85, 170)");
        await Assertions.Expect(customers.Locator(".label-chip")).ToHaveCSSAsync("color", "rgb(255, 255, 255)");

        // The same name again is refused next to the field, in words.
        await add.GetByLabel("Name").FillAsync("customers");
        await add.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
        await Assertions.Expect(add.GetByRole(AriaRole.Alert).Filter(new() { HasText = "already" })).ToHaveTextAsync("You already have a label called \"Customers\".");

        // Rename and recolour it through the text field (for keyboards and browsers without a picker).
        await customers.GetByRole(AriaRole.Button, new() { Name = "Edit Customers" }).ClickAsync();
        var edit = page.GetByRole(AriaRole.Form, new() { Name = "Edit label Customers" });
        await edit.GetByLabel("Name").FillAsync("Key clients");
        await edit.GetByLabel("Colour as text").FillAsync("#ffdd00");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Label “Key clients” saved.");

        await page.ReloadAsync();
        await UserActions.WaitInteractiveAsync(page);
        var renamed = labels.GetByRole(AriaRole.Listitem, new() { Name = "Key clients" });
        await Assertions.Expect(renamed.Locator(".label-chip")).ToHaveCSSAsync("background-color", "rgb(255, 221, 0)");
        await Assertions.Expect(renamed.Locator(".label-chip")).ToHaveCSSAsync("color", "rgb(0, 0, 0)");
        await Assertions.Expect(labels.GetByRole(AriaRole.Listitem, new() { Name = "Customers" })).ToHaveCountAsync(0);

        // Delete asks first.
        await renamed.GetByRole(AriaRole.Button, new() { Name = "Delete Key clients" }).ClickAsync();
        await renamed.GetByRole(AriaRole.Button, new() { Name = "Delete “Key clients”" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Label “Key clients” deleted.");
        await Assertions.Expect(labels.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(5);
    }

    [Fact]
    public async Task MailSettings_ChangedOneAtATime_SavedAtOnceAndKeptAfterReload()
    {
        await using var session = await browser.SignedInAsync(MailStack.NewUser("settings-ui"));
        var page = session.Page;
        await OpenAsync(page, "/settings/mail");
        var shortcuts = page.GetByRole(AriaRole.Checkbox, new() { Name = "Keyboard shortcuts" });
        await Assertions.Expect(shortcuts).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Open the next message" })).ToBeCheckedAsync();

        await shortcuts.UncheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        await OpenAsync(page, "/settings/mail");
        await Assertions.Expect(shortcuts).Not.ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Go back to the list" }).CheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        await page.ReloadAsync();
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Go back to the list" })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Open the next message" })).Not.ToBeCheckedAsync();
        await Assertions.Expect(shortcuts).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Archive into a folder per year" })).Not.ToBeCheckedAsync();
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await UserActions.WaitInteractiveAsync(page);
    }
}
