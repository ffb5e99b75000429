using MailKit;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>Folder management in a real browser against the real Dovecot, watched from a second tab of the same user.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FolderManagementBrowserTests(BrowserFixture browser)
{
    private static ILocator Tree(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" });

    private static ILocator Folder(IPage page, string path) => Tree(page).Locator($"li[data-folder=\"{path}\"]");

    private static ILocator Dialog(IPage page) => page.GetByRole(AriaRole.Dialog);

    private static async Task<IPage> SecondTabAsync(BrowserSession session)
    {
        var second = await session.Context.NewPageAsync();
        await second.GotoAsync("/");
        await UserActions.WaitInteractiveAsync(second);
        return second;
    }

    private static async Task ChooseAsync(IPage page, string path, string name, string item)
    {
        await Folder(page, path).GetByRole(AriaRole.Button, new() { Name = $"Actions for {name}" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = item }).ClickAsync();
    }

    [Fact]
    public async Task CreateRenameDelete_SecondTabFollowsWithoutReload_DeleteSaysHowMuchGoes()
    {
        var user = MailStack.NewUser("fbt");
        await using var session = await browser.SignedInAsync(user);
        var first = session.Page;
        var second = await SecondTabAsync(session);
        foreach (var tab in new[] { first, second })
        {
            await Assertions.Expect(Tree(tab)).ToHaveAttributeAsync("data-folder-changes", "on");
        }

        // Create: the dialog takes the focus; the new folder shows in both tabs.
        await Tree(first).GetByRole(AriaRole.Button, new() { Name = "New folder" }).ClickAsync();
        await Assertions.Expect(Dialog(first)).ToHaveAccessibleNameAsync("New folder");
        await Assertions.Expect(first.GetByLabel("Folder name")).ToBeFocusedAsync();
        await first.Keyboard.TypeAsync("Receipts");
        await first.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Dialog(first)).ToHaveCountAsync(0);
        foreach (var tab in new[] { first, second })
        {
            await Assertions.Expect(Folder(tab, "Receipts").GetByRole(AriaRole.Link, new() { Name = "Receipts" })).ToBeVisibleAsync();
        }

        // The second tab opens it; the first renames it: the second tab follows to the new name.
        await Folder(second, "Receipts").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(second.Locator("h1.pane-title")).ToHaveTextAsync("Receipts");
        await ChooseAsync(first, "Receipts", "Receipts", "Rename…");
        await Assertions.Expect(Dialog(first)).ToHaveAccessibleNameAsync("Rename “Receipts”");
        await first.GetByLabel("New name").FillAsync("Invoices");
        await Dialog(first).GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        foreach (var tab in new[] { first, second })
        {
            await Assertions.Expect(Folder(tab, "Invoices")).ToBeVisibleAsync();
            await Assertions.Expect(Folder(tab, "Receipts")).ToHaveCountAsync(0);
        }

        await Assertions.Expect(second.Locator("h1.pane-title")).ToHaveTextAsync("Invoices");
        await Assertions.Expect(Folder(second, "Invoices").GetByRole(AriaRole.Link)).ToHaveAttributeAsync("aria-current", "page");

        // A subfolder from the menu; mail in both (another client).
        await ChooseAsync(first, "Invoices", "Invoices", "New subfolder…");
        await first.GetByLabel("Folder name").FillAsync("2026");
        await first.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Folder(second, "Invoices/2026")).ToBeVisibleAsync();
        await AppendAsync(user, "Invoices", 2);
        await AppendAsync(user, "Invoices/2026", 1);

        // The menu by keyboard; Escape closes the dialog and the focus comes back to the menu button.
        var menuButton = Folder(first, "Invoices").GetByRole(AriaRole.Button, new() { Name = "Actions for Invoices" });
        await menuButton.FocusAsync();
        await first.Keyboard.PressAsync("Enter");
        await Assertions.Expect(first.GetByRole(AriaRole.Menuitem).First).ToBeFocusedAsync();
        await first.Keyboard.PressAsync("Escape");
        await Assertions.Expect(first.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);
        await Assertions.Expect(menuButton).ToBeFocusedAsync();
        await ChooseAsync(first, "Invoices", "Invoices", "Delete…");
        await Assertions.Expect(Dialog(first)).ToContainTextAsync("Delete “Invoices” and its subfolder with 3 messages? This cannot be undone.");
        // A question starts on Cancel (Enter never destroys by accident); Escape is read where the focus is.
        await Assertions.Expect(Dialog(first).GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeFocusedAsync();
        await first.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Dialog(first)).ToHaveCountAsync(0);
        await Assertions.Expect(menuButton).ToBeFocusedAsync();

        // Delete for real: gone from both tabs; the second tab, which had it open, is sent to the Inbox.
        await ChooseAsync(first, "Invoices", "Invoices", "Delete…");
        await Assertions.Expect(Dialog(first)).ToContainTextAsync("with 3 messages");
        await Dialog(first).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        foreach (var tab in new[] { first, second })
        {
            await Assertions.Expect(Folder(tab, "Invoices")).ToHaveCountAsync(0);
            await Assertions.Expect(Folder(tab, "Invoices/2026")).ToHaveCountAsync(0);
        }

        await Assertions.Expect(second.Locator("h1.pane-title")).ToHaveTextAsync("Inbox");
    }

    [Fact]
    public async Task Create_ServerRefuses_TheDialogSaysWhy_AndKeepsTheName()
    {
        await using var session = await browser.SignedInAsync(MailStack.NewUser("fbr"));
        var page = session.Page;
        await Tree(page).GetByRole(AriaRole.Button, new() { Name = "New folder" }).ClickAsync();
        await page.GetByLabel("Folder name").FillAsync("~private");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(Dialog(page).GetByRole(AriaRole.Alert)).ToContainTextAsync("The mail server would not create “~private”");
        await Assertions.Expect(page.GetByLabel("Folder name")).ToHaveValueAsync("~private");

        // A name with the separator is refused before the server is asked.
        await page.GetByLabel("Folder name").FillAsync("a/b");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Dialog(page).GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot contain “/”");
    }

    [Fact]
    public async Task ShowAllFolders_Unsubscribe_HidesTheFolderFromTheTree_InBothTabs_SubscribeBringsItBack()
    {
        var user = MailStack.NewUser("fbs");
        using (var client = await MailStack.ConnectAsync(user))
        {
            // Folders another program made and never subscribed: the tree shows them all.
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            await root.CreateAsync("Letters", true);
            await root.CreateAsync("Receipts", true);
            await client.DisconnectAsync(true);
        }

        await using var session = await browser.SignedInAsync(user);
        var first = session.Page;
        var second = await SecondTabAsync(session);
        await Assertions.Expect(Tree(second)).ToHaveAttributeAsync("data-folder-changes", "on");
        await Assertions.Expect(Folder(first, "Letters")).ToBeVisibleAsync();

        await Tree(first).GetByRole(AriaRole.Button, new() { Name = "Show all folders" }).ClickAsync();
        await Assertions.Expect(Dialog(first)).ToHaveAccessibleNameAsync("All folders");
        var letters = Dialog(first).GetByRole(AriaRole.Checkbox, new() { Name = "Letters" });
        await Assertions.Expect(letters).ToBeCheckedAsync();
        await Assertions.Expect(Dialog(first).GetByRole(AriaRole.Checkbox, new() { Name = "Inbox" })).ToBeDisabledAsync();

        // Unticked: gone from the tree of both tabs; the other folder stays.
        await letters.UncheckAsync();
        foreach (var tab in new[] { first, second })
        {
            await Assertions.Expect(Folder(tab, "Letters")).ToHaveCountAsync(0);
            await Assertions.Expect(Folder(tab, "Receipts")).ToBeVisibleAsync();
        }

        await Assertions.Expect(Dialog(first).GetByRole(AriaRole.Checkbox, new() { Name = "Receipts" })).ToBeCheckedAsync();
        await Assertions.Expect(letters).Not.ToBeCheckedAsync();

        // Ticked again: back; unticked again: gone, and still gone after a reload (the server keeps subscriptions).
        await letters.CheckAsync();
        await Assertions.Expect(Folder(second, "Letters")).ToBeVisibleAsync();
        await letters.UncheckAsync();
        await Assertions.Expect(Folder(second, "Letters")).ToHaveCountAsync(0);
        await first.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Dialog(first)).ToHaveCountAsync(0);
        await second.ReloadAsync();
        await UserActions.WaitInteractiveAsync(second);
        await Assertions.Expect(Folder(second, "Receipts")).ToBeVisibleAsync();
        await Assertions.Expect(Folder(second, "Letters")).ToHaveCountAsync(0);
    }

    private static async Task AppendAsync(string user, string path, int count)
    {
        using var client = await MailStack.ConnectAsync(user);
        var folder = await client.GetFolderAsync(path);
        for (var i = 0; i < count; i++)
        {
            var message = new MimeMessage { Subject = $"Invoice {i}" };
            message.From.Add(MailboxAddress.Parse("billing@shop.example"));
            message.To.Add(MailboxAddress.Parse(user));
            message.Body = new TextPart("plain") { Text = "Thank you." };
            await folder.AppendAsync(new AppendRequest(message));
        }

        await client.DisconnectAsync(true);
    }
}
