using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebMail.Mail.Model;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Keyboard first, on the real signed-in mail page: the list is one Tab stop (its current row), Gmail's keys move,
/// open, go to folders and show their help, and never fire while typing in a field or when switched off.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class KeyboardBrowserTests(BrowserFixture browser)
{
    private const int Messages = 40; // "Generated message 40" is the newest, the first row

    private static ILocator Inbox(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });

    private static ILocator Row(IPage page, int number) =>
        Inbox(page).GetByRole(AriaRole.Link, new() { NameRegex = new Regex($@"Generated message {number}\b") });

    private static ILocator Subject(IPage page, int number) =>
        page.GetByRole(AriaRole.Heading, new() { Name = $"Generated message {number}", Exact = true });

    private static ILocator SearchBox(IPage page) => page.GetByRole(AriaRole.Search, new() { Name = "Search mail" }).GetByLabel("Search mail");

    private static ILocator Reply(IPage page) => page.GetByRole(AriaRole.Toolbar, new() { Name = "Message actions" }).GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true });

    private static ILocator Help(IPage page) => page.GetByRole(AriaRole.Dialog, new() { Name = "Keyboard shortcuts" });

    [Fact]
    public async Task Tab_FromTheSearchBoxToReply_PassesTheListOnceOnItsCurrentRow_ShiftTabComesBackToIt()
    {
        await using var session = await SignedInWithMailAsync();
        var page = session.Page;

        // Message 38 is open; the keys then move the focus two rows down, to message 36, without opening it.
        await Row(page, 38).ClickAsync();
        await Assertions.Expect(Subject(page, 38)).ToBeVisibleAsync();
        await Assertions.Expect(Reply(page)).ToBeVisibleAsync();
        await Row(page, 38).FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(Row(page, 36)).ToBeFocusedAsync();

        // From the open row's neighbour to Reply is one Tab (it was 32, one per row).
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Reply(page)).ToBeFocusedAsync();

        // From the search box to Reply: every control between, and the list once, on the row last focused.
        await SearchBox(page).FocusAsync();
        var stopsInList = new List<string>();
        for (var presses = 0; !await IsFocusedAsync(Reply(page)); presses++)
        {
            Assert.True(presses < 40, $"Reply was not reached in 40 Tabs; the list held the focus {stopsInList.Count} times");
            await page.Keyboard.PressAsync("Tab");
            if (await Inbox(page).EvaluateAsync<bool>("l => l.contains(document.activeElement)"))
            {
                stopsInList.Add(await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
            }
        }

        Assert.Single(stopsInList);
        Assert.Matches(@"Generated message 36\b", stopsInList[0]);

        // Back with Shift+Tab: the first stop before the reader is that row again.
        await page.Keyboard.PressAsync("Shift+Tab");
        await Assertions.Expect(Row(page, 36)).ToBeFocusedAsync();
        await Assertions.Expect(Inbox(page).Locator("a[tabindex='0']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task JAndK_MoveTheFocusInTheList_OOpens_ThenJAndKOpenTheNextAndPrevious_UGoesBack()
    {
        await using var session = await SignedInWithMailAsync();
        var page = session.Page;
        var listAddress = page.Url;

        // Nothing focused: j comes into the list on its first row, then moves as ArrowDown does; nothing opens.
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(Row(page, 40)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(Row(page, 39)).ToBeFocusedAsync();
        Assert.Equal(listAddress, page.Url);
        await Assertions.Expect(page.GetByText("Select a message to read it.")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("o");
        await Assertions.Expect(Subject(page, 39)).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, 39)).ToHaveAttributeAsync("aria-current", "true");

        // With a message open, j and k open the message they move to (Gmail's way).
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(Subject(page, 38)).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, 38)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("k");
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(Subject(page, 40)).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, 40)).ToHaveAttributeAsync("aria-current", "true");

        // From the reader (one Tab from the open row), j comes back into the list and opens the next message.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(Reply(page)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(Subject(page, 39)).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, 39)).ToBeFocusedAsync();

        // Back to the inbox's list, no message open.
        await page.Keyboard.PressAsync("u");
        await Assertions.Expect(page.GetByText("Select a message to read it.")).ToBeVisibleAsync();
        var inboxList = new Regex($"/mail/{Regex.Escape(FolderToken.Encode("INBOX"))}$");
        await Assertions.Expect(page).ToHaveURLAsync(inboxList);

        // In the search box j is a letter: it is typed, and the list's focus stays where it was.
        await page.Keyboard.PressAsync("/");
        await Assertions.Expect(SearchBox(page)).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("jk");
        await Assertions.Expect(SearchBox(page)).ToHaveValueAsync("jk");
        await Assertions.Expect(SearchBox(page)).ToBeFocusedAsync();
        await Assertions.Expect(page).ToHaveURLAsync(inboxList);
    }

    [Fact]
    public async Task GThenAKey_GoesToSentDraftsAndTheInbox()
    {
        await using var session = await SignedInWithMailAsync();
        var page = session.Page;
        var title = page.Locator("h1.pane-title");

        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("s");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/mail/{Regex.Escape(FolderToken.Encode("Sent"))}$"));
        await Assertions.Expect(title).ToHaveTextAsync("Sent");

        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("d");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/mail/{Regex.Escape(FolderToken.Encode("Drafts"))}$"));
        await Assertions.Expect(title).ToHaveTextAsync("Drafts");

        await page.Keyboard.PressAsync("g");
        await page.Keyboard.PressAsync("i");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/mail/{Regex.Escape(FolderToken.Encode("INBOX"))}$"));
        await Assertions.Expect(Row(page, 40)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task QuestionMark_OpensTheHelpWithTheFocusInIt_EscapeClosesItAndTheFocusGoesBack()
    {
        await using var session = await SignedInWithMailAsync();
        var page = session.Page;
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(Row(page, 39)).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(Help(page)).ToBeVisibleAsync();
        await Assertions.Expect(Help(page)).ToHaveAttributeAsync("aria-modal", "true");
        Assert.True(await Help(page).EvaluateAsync<bool>("d => d.contains(document.activeElement)"), "the focus is not in the help");
        await Assertions.Expect(Help(page).Locator("kbd")).ToContainTextAsync(["j", "k"]);
        await Assertions.Expect(Help(page).GetByText("Archive")).ToBeVisibleAsync();

        // Under the help the shortcuts wait, and Tab stays inside it.
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await Help(page).EvaluateAsync<bool>("d => d.contains(document.activeElement)"), "Tab left the help");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(Help(page)).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, 39)).ToBeFocusedAsync();

        // "?" opens it again, and "?" closes it too.
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(Help(page)).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(Help(page)).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, 39)).ToBeFocusedAsync();
    }

    [Fact]
    public async Task ShortcutsSwitchedOffInTheSettings_TheKeysDoNothing()
    {
        await using var session = await SignedInWithMailAsync();
        var page = session.Page;

        // The user turns them off on the settings page, and comes back to the mail.
        await page.GotoAsync("/settings/mail");
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Keyboard shortcuts" }).UncheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        await page.GetByRole(AriaRole.Link, new() { Name = "WebMail" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-shortcuts", "off");
        await Assertions.Expect(Inbox(page).Locator("a[tabindex='0']")).ToHaveCountAsync(1);

        // j would focus a row at once (no round trip): nothing in the list has the focus.
        await page.Keyboard.PressAsync("j");
        Assert.False(await Inbox(page).EvaluateAsync<bool>("l => l.contains(document.activeElement)"), "j moved the focus into the list");

        // "?", c and g s would each go to the server; a search typed after them comes back through the same circuit,
        // in order, so once its results show those keys have had every chance to act.
        foreach (var key in new[] { "?", "c", "g", "s" })
        {
            await page.Keyboard.PressAsync(key);
        }

        await SearchBox(page).FocusAsync();
        await page.Keyboard.TypeAsync("subject:12");
        await page.Keyboard.PressAsync("Enter");
        var results = page.GetByRole(AriaRole.List, new() { Name = "Search results" }).GetByRole(AriaRole.Link);
        await Assertions.Expect(results).ToHaveCountAsync(1);
        await Assertions.Expect(results).ToContainTextAsync("Generated message 12");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/mail/{Regex.Escape(FolderToken.Encode("INBOX"))}\\?q=subject%3A12$"));
        await Assertions.Expect(Help(page)).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("h1.pane-title")).ToHaveTextAsync("Search results in Inbox");
    }

    /// <summary>A fresh user with <see cref="Messages"/> generated messages in the inbox, signed in, the list and the keys ready.</summary>
    private async Task<BrowserSession> SignedInWithMailAsync()
    {
        var user = MailStack.NewUser("keys");
        await Seeder.SeedGeneratedAsync(user, MailStack.TestPassword, "INBOX", Messages);
        var session = await browser.SignedInAsync(user);
        var page = session.Page;
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-shortcuts", "on");
        await Assertions.Expect(Inbox(page).Locator("a[tabindex='0']")).ToHaveCountAsync(1);
        await Assertions.Expect(Row(page, 40)).ToHaveAttributeAsync("tabindex", "0");
        await Assertions.Expect(SearchBox(page)).ToHaveAttributeAsync("data-keys", "on");
        return session;
    }

    private static Task<bool> IsFocusedAsync(ILocator locator) => locator.EvaluateAsync<bool>("e => e === document.activeElement");
}
