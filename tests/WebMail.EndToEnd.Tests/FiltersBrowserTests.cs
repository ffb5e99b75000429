using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>Filters and the vacation reply in Chromium, against the stack's ManageSieve, with mail delivered through Postfix → LMTP.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FiltersBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task RuleMadeInTheForm_FilesArrivingMailIntoTheFolder_VacationKeptAfterReload()
    {
        var user = MailStack.NewUser("filters-ui");
        using (var imap = await MailStack.ConnectAsync(user))
        {
            await imap.GetFolder(imap.PersonalNamespaces[0]).CreateAsync("Receipts", true);
        }

        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        await OpenAsync(page, "/settings/filters");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a rule" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Filter rule" });
        await form.GetByLabel("Rule name").FillAsync("Shop receipts");

        // An empty condition is refused next to the field; nothing is saved.
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Alert)).ToHaveTextAsync(["Write what to look for.", "Choose a folder."]);
        await Assertions.Expect(form.GetByLabel("Condition 1: value")).ToHaveAttributeAsync("aria-invalid", "true");

        await Assertions.Expect(form.GetByLabel("Condition 1: what to look at")).ToHaveValueAsync("From");
        await form.GetByLabel("Condition 1: value").FillAsync("shop@");
        await form.GetByLabel("Action 1: Folder").SelectOptionAsync(new SelectOptionValue { Label = "Receipts" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Rule “Shop receipts” saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Rules" }).GetByRole(AriaRole.Listitem, new() { Name = "Shop receipts" }))
            .ToContainTextAsync("Move to folder Receipts");

        await MailStack.DeliverAsync(new MimeMessage([MailboxAddress.Parse("shop@test.example")], [MailboxAddress.Parse(user)], "Your receipt 1042", new TextPart("plain") { Text = "Thanks." }), user);
        await OpenAsync(page, "/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).Locator("li[data-folder=\"Receipts\"]").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("h1.pane-title")).ToHaveTextAsync("Receipts");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Messages in Receipts" }).Locator("li.row")).ToContainTextAsync("Your receipt 1042");

        // The vacation reply: turned on, saved, and still so after a reload.
        await OpenAsync(page, "/settings/vacation");
        var vacation = page.GetByRole(AriaRole.Form, new() { Name = "Vacation reply" });
        await vacation.GetByLabel("Send a vacation reply").CheckAsync();
        await vacation.GetByLabel("First day (optional)").FillAsync("2030-07-01");
        await vacation.GetByLabel("Last day (optional)").FillAsync("2030-07-21");
        await vacation.GetByLabel("Subject").FillAsync("Away in July");
        await vacation.GetByLabel("Message", new() { Exact = true }).FillAsync("Back on the 22nd.");
        await vacation.GetByRole(AriaRole.Button, new() { Name = "Save vacation reply" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Vacation reply is on.");

        await page.ReloadAsync();
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(vacation.GetByLabel("Send a vacation reply")).ToBeCheckedAsync();
        await Assertions.Expect(vacation.GetByLabel("First day (optional)")).ToHaveValueAsync("2030-07-01");
        await Assertions.Expect(vacation.GetByLabel("Last day (optional)")).ToHaveValueAsync("2030-07-21");
        await Assertions.Expect(vacation.GetByLabel("Subject")).ToHaveValueAsync("Away in July");
        await Assertions.Expect(vacation.GetByLabel("Message", new() { Exact = true })).ToHaveValueAsync("Back on the 22nd.");
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await UserActions.WaitInteractiveAsync(page);
    }
}
