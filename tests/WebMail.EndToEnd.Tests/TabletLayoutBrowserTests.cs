using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Tablets in Chromium (700–1099 px: an iPad held upright at 820 × 1180 and sideways at 1024 × 768): list and reader side
/// by side, the folders in a drawer that opens and closes, the top bar's links behind Menu, nothing that scrolls sideways,
/// and a reply written and sent.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TabletLayoutBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Tablet_ListAndReaderSideBySide_DrawerAndMenu_NoSidewaysScroll_ReplySends()
    {
        var user = MailStack.NewUser("tablet");
        var sender = MailStack.NewUser("tabletfrom");
        for (var i = 1; i <= 12; i++)
        {
            var message = new MimeMessage { Subject = $"Tablet note {i:00}", Date = DateTimeOffset.UtcNow.AddMinutes(i - 60) };
            message.From.Add(new MailboxAddress("Tablet Sender", sender));
            message.To.Add(MailboxAddress.Parse(user));
            message.Body = new TextPart("plain") { Text = $"Tablet body {i}.\r\n" };
            await PhoneLayoutBrowserTests.AppendAsync(user, message);
        }

        await using var context = await PhoneLayoutBrowserTests.NewTouchContextAsync(browser, 820, 1180);
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);

        foreach (var (width, height, subject) in new[] { (1024, 768, "Tablet note 07"), (820, 1180, "Tablet note 09") })
        {
            await page.SetViewportSizeAsync(width, height);
            await AssertLayoutAsync(page, $"{width} x {height}", subject);
        }

        // A reply from the tablet (upright): compose, sent, and its copy in Sent through the drawer.
        await page.GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true }).ClickAsync();
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Re: Tablet note 09");
        await PhoneLayoutBrowserTests.AssertNoSidewaysScrollAsync(page, "compose (reply) at 820 px");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail/"), new() { Timeout = 15000 });
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Folders", Exact = true }).TapAsync();
        var drawer = page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" });
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Sent" }).TapAsync();
        await Assertions.Expect(drawer).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Re: Tablet note 09" })).ToBeVisibleAsync(new() { Timeout = 20000 });
    }

    private static async Task AssertLayoutAsync(IPage page, string size, string subject)
    {
        var list = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });
        var drawer = page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" });
        await Assertions.Expect(list.GetByRole(AriaRole.Link, new() { Name = subject })).ToBeVisibleAsync();
        await Assertions.Expect(drawer).ToBeHiddenAsync();
        await PhoneLayoutBrowserTests.AssertNoSidewaysScrollAsync(page, $"mail list at {size}");

        // The message opens beside the list, which stays on screen.
        await list.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        var heading = page.GetByRole(AriaRole.Heading, new() { Name = subject });
        await Assertions.Expect(heading).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Tablet body {int.Parse(subject[^2..], System.Globalization.CultureInfo.InvariantCulture)}.")).ToBeVisibleAsync();
        await Assertions.Expect(list).ToBeVisibleAsync();
        var listBox = (await list.BoundingBoxAsync())!;
        var readerBox = (await heading.BoundingBoxAsync())!;
        Assert.True(listBox.X + listBox.Width <= readerBox.X + 1, $"at {size} the list ({listBox.X}+{listBox.Width}) and the reader ({readerBox.X}) overlap");
        Assert.True(listBox.Width >= 280, $"at {size} the list is only {listBox.Width} px wide");
        await PhoneLayoutBrowserTests.AssertNoSidewaysScrollAsync(page, $"reader at {size}");

        // The folders: a drawer, in and out.
        var drawerButton = page.GetByRole(AriaRole.Button, new() { Name = "Folders", Exact = true });
        await drawerButton.TapAsync();
        await Assertions.Expect(drawerButton).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await Assertions.Expect(drawer.Locator("a[aria-current=page]")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(drawer).ToBeHiddenAsync();
        await Assertions.Expect(heading).ToBeVisibleAsync();

        // The top bar's other links behind Menu.
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
        var signOut = page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
        await Assertions.Expect(signOut).ToBeHiddenAsync();
        await menu.TapAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(signOut).ToBeVisibleAsync();
        await PhoneLayoutBrowserTests.AssertNoSidewaysScrollAsync(page, $"menu open at {size}");
        await menu.TapAsync();
        await Assertions.Expect(signOut).ToBeHiddenAsync();
    }
}
