using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>Keyboard alone and screen readers: the skip link and Tab order, where the focus goes, what is announced.</summary>
public sealed partial class AccessibilityBrowserTests
{
    private static ILocator Row(IPage page, int number) =>
        Inbox(page).GetByRole(AriaRole.Link, new() { NameRegex = new Regex($@"Generated message {number}\b") });

    private static Task<string> FocusedPaneAsync(IPage page) => page.EvaluateAsync<string>(
        "() => { const e = document.activeElement; return e?.closest('nav.folders') ? 'folders' : e?.closest('.messages') ? 'list' : e?.closest('.reader-pane') ? 'reader' : ''; }");

    private static MailKit.IAppendRequest NewMail(string subject)
    {
        var message = new MimeKit.MimeMessage { Subject = subject, Body = new MimeKit.TextPart("plain") { Text = subject } };
        message.From.Add(MimeKit.MailboxAddress.Parse("colleague@example.org"));
        return new MailKit.AppendRequest(message);
    }

    [Fact]
    public async Task KeyboardAlone_SkipLinkThenFoldersListReader_FocusFollowsDialogsAndDelete_NewMailAnnounced()
    {
        var user = MailStack.NewUser("axekeys");
        await Seeder.SeedGeneratedAsync(user, MailStack.TestPassword, "INBOX", 5);
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        await Row(page, 3).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Generated message 3", Exact = true })).ToBeVisibleAsync();

        // From a fresh load of that address: the first Tab is the skip link, with a visible focus ring.
        await page.ReloadAsync();
        await UserActions.WaitInteractiveAsync(page);
        var reply = page.GetByRole(AriaRole.Toolbar, new() { Name = "Message actions" }).GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true });
        await Assertions.Expect(reply).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, 3)).ToHaveAttributeAsync("tabindex", "0");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        Assert.NotEqual("none", await skip.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle"));
        Assert.True(await skip.EvaluateAsync<bool>("e => e.getBoundingClientRect().top >= 0"), "the focused skip link is off screen");

        // Tab on: the folder list, then the message list (its current row), then the reader, in that order.
        var reached = new List<string>();
        for (var presses = 0; !reached.Contains("reader"); presses++)
        {
            Assert.True(presses < 60, $"the reader was not reached in 60 Tabs; reached: {string.Join(", ", reached)}");
            await page.Keyboard.PressAsync("Tab");
            var pane = await FocusedPaneAsync(page);
            if (pane.Length > 0 && !reached.Contains(pane))
            {
                reached.Add(pane);
            }
        }

        Assert.Equal(["folders", "list", "reader"], reached);

        // The skip link itself: Enter puts the focus on the main content (no navigation), the next Tab is inside it.
        var address = page.Url;
        await skip.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#main-content")).ToBeFocusedAsync();
        Assert.Equal(address, page.Url);
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.Locator("#main-content").EvaluateAsync<bool>("m => m.contains(document.activeElement) && m !== document.activeElement"), "Tab left the main content");

        // A dialog takes the focus and gives it back to the control that opened it.
        var newFolder = Tree(page).GetByRole(AriaRole.Button, new() { Name = "New folder" });
        await newFolder.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel("Folder name")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Assertions.Expect(newFolder).ToBeFocusedAsync();

        // Deleting the open message from the reader: the next message opens and its row has the focus; the result is said.
        await page.GetByRole(AriaRole.Toolbar, new() { Name = "Message actions" }).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Generated message 2", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, 2)).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator(".toast-region[role=status]")).Not.ToBeEmptyAsync();

        // New mail (two messages in one delivery) is announced politely, by a region that is read, not seen.
        using (var imap = await MailStack.ConnectAsync(user))
        {
            await imap.Inbox.AppendAsync([NewMail("Quarterly figures"), NewMail("Team lunch")]);
        }

        var announcer = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "new message" });
        await Assertions.Expect(announcer).ToHaveTextAsync(new Regex(@"^\s*(2 new messages|1 new message) in Inbox"));
        await Assertions.Expect(announcer).ToHaveAttributeAsync("aria-live", "polite");
        await Assertions.Expect(Inbox(page).GetByRole(AriaRole.Link)).ToHaveCountAsync(6);
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML?.slice(0, 300) ?? 'none'");
        Assert.True(await Inbox(page).Locator("a[aria-current=true]").EvaluateAsync<bool>("a => a === document.activeElement"), $"new mail moved the focus to: {focused}");
    }
}
