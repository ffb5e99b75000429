using System.Text.RegularExpressions;
using MailKit;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Phones in Chromium (mobile viewport, touch): one pane at a time, the folder drawer by keyboard and by tap, Back to
/// the list where the user was, a reply written and sent from the phone, and no page that scrolls sideways at 360 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Phone_OnePaneAtATime_BackKeepsThePlace_DrawerByKeyboard_ReplySends()
    {
        var user = MailStack.NewUser("phone");
        var sender = MailStack.NewUser("phonefrom");
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        for (var i = 1; i <= 30; i++)
        {
            await AppendAsync(user, Message(sender, $"Phone note {i:00}", start.AddMinutes(i), $"Note number {i}."));
        }

        await using var context = await NewPhoneContextAsync(390, 844);
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        var list = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });
        await Assertions.Expect(list.GetByRole(AriaRole.Link, new() { Name = "Phone note 30" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" })).ToBeHiddenAsync();
        await AssertNoSidewaysScrollAsync(page, "mail list at 390 px");

        // Further down the list, a message opens full screen (the list is gone), with Back.
        await Assertions.Expect(list).ToHaveAttributeAsync("aria-busy", "false");
        var row = list.GetByRole(AriaRole.Link, new() { Name = "Phone note 12" });
        await row.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(row).ToBeInViewportAsync();
        await row.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phone note 12" })).ToBeVisibleAsync();
        await Assertions.Expect(list).ToBeHiddenAsync();
        var back = page.GetByRole(AriaRole.Link, new() { Name = "Back", Exact = true });
        await AssertTouchSizedAsync(back, "Back");
        await AssertTouchSizedAsync(page.GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true }), "Reply");
        await AssertNoSidewaysScrollAsync(page, "reader at 390 px");
        await AssertReaderMoreMenuAsync(page);

        // Back: the list again, at the same place (about eight rows show: row 12 is the 19th, far below the top).
        await back.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail/[^/]+$"));
        await Assertions.Expect(row).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phone note 12" })).ToHaveCountAsync(0);

        // The folder drawer with the keyboard alone: in with Enter (focus on the current folder), out with Escape (focus back).
        var drawerButton = page.GetByRole(AriaRole.Button, new() { Name = "Folders", Exact = true });
        await AssertTouchSizedAsync(drawerButton, "Folders");
        await drawerButton.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(drawerButton).ToHaveAttributeAsync("aria-expanded", "true");
        var drawer = page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" });
        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await Assertions.Expect(drawer.Locator("a[aria-current=page]")).ToBeFocusedAsync();
        await AssertTouchSizedAsync(drawer.Locator("a[aria-current=page]"), "the current folder");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(drawerButton).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(drawer).ToBeHiddenAsync();
        await Assertions.Expect(drawerButton).ToBeFocusedAsync();

        // A tap outside closes it too.
        await drawerButton.TapAsync();
        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await page.Locator(".drawer-backdrop").TapAsync(new() { Position = new() { X = 370, Y = 500 } });
        await Assertions.Expect(drawer).ToBeHiddenAsync();

        // A reply from the phone: compose full screen, sent, back to the mail.
        await row.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true }).ClickAsync();
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Re: Phone note 12");
        await AssertNoSidewaysScrollAsync(page, "compose (reply) at 390 px");
        await AssertTouchSizedAsync(page.GetByRole(AriaRole.Button, new() { Name = "Send" }), "Send");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail/"), new() { Timeout = 15000 });

        // Its copy is in Sent, reached through the drawer (which closes once a folder is chosen).
        await UserActions.WaitInteractiveAsync(page);
        await drawerButton.TapAsync();
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Sent" }).TapAsync();
        await Assertions.Expect(drawer).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Re: Phone note 12" })).ToBeVisibleAsync(new() { Timeout = 20000 });
    }

    [Fact]
    public async Task Phone360_NoPageScrollsSideways_MenuHoldsTheTopBarLinks()
    {
        var user = MailStack.NewUser("narrow");
        var sender = MailStack.NewUser("narrowfrom");
        var wide = new MimeMessage { Subject = "A newsletter built for desktops with a very long subject line that never ends", Date = DateTimeOffset.UtcNow };
        wide.From.Add(new MailboxAddress("Newsletter Team With A Long Name", sender));
        wide.To.Add(MailboxAddress.Parse(user));
        wide.Body = new BodyBuilder
        {
            HtmlBody = "<table width=\"800\"><tr><td>Wide table</td><td>https://example.org/a/very/long/unbroken/path/that/goes/on/and/on/and/on</td></tr></table>",
        }.ToMessageBody();
        await AppendAsync(user, wide);

        await using var context = await NewPhoneContextAsync(360, 740);
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        await AssertNoSidewaysScrollAsync(page, "mail list at 360 px");

        // The top bar's other links are behind Menu.
        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeHiddenAsync();
        await menu.ClickAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await AssertTouchSizedAsync(page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }), "Settings");
        await AssertNoSidewaysScrollAsync(page, "mail list with the menu open at 360 px");
        await menu.ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "A newsletter built for desktops" }).ClickAsync();
        await Assertions.Expect(page.FrameLocator("iframe[title='Message content']").GetByText("Wide table")).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "reader with a wide message at 360 px");

        foreach (var address in new[] { "compose", "settings/mail", "settings/identities", "settings/address-book", "settings/labels", "settings/devices" })
        {
            await page.GotoAsync(address);
            await UserActions.WaitInteractiveAsync(page);
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            await AssertNoSidewaysScrollAsync(page, $"{address} at 360 px");
        }
    }

    /// <summary>The reader's toolbar in at most two rows; the rest behind More, a menu driven by the keyboard.</summary>
    private static async Task AssertReaderMoreMenuAsync(IPage page)
    {
        var toolbar = page.GetByRole(AriaRole.Toolbar, new() { Name = "Message actions" });
        var rows = await toolbar.EvaluateAsync<int>("t => new Set([...t.querySelectorAll('a, button, select')].filter(e => e.offsetParent).map(e => Math.round(e.getBoundingClientRect().top))).size");
        Assert.True(rows <= 2, $"the reader's toolbar takes {rows} rows at 390 px");
        await Assertions.Expect(toolbar.GetByRole(AriaRole.Button, new() { Name = "Forward", Exact = true })).ToBeHiddenAsync();
        var more = toolbar.GetByRole(AriaRole.Button, new() { Name = "More", Exact = true });
        await AssertTouchSizedAsync(more, "More");
        await Assertions.Expect(more).ToHaveAttributeAsync("aria-haspopup", "menu");

        await more.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var menu = page.GetByRole(AriaRole.Menu, new() { Name = "More actions" });
        await Assertions.Expect(more).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Reply all" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Forward", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem).Last).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(menu).ToHaveCountAsync(0);
        await Assertions.Expect(more).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Phone note 12" })).ToBeVisibleAsync();

        // An action from the menu does its work and closes the menu.
        await more.TapAsync();
        await menu.GetByRole(AriaRole.Menuitem, new() { Name = "Flag", Exact = true }).TapAsync();
        await Assertions.Expect(menu).ToHaveCountAsync(0);
        await more.TapAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Unflag" })).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "reader with More open at 390 px");
        await more.TapAsync();
        await Assertions.Expect(menu).ToHaveCountAsync(0);
    }

    internal static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2], $"{what}: the page is {Math.Max(widths[0], widths[1])} px wide in a {widths[2]} px viewport");
    }

    private static async Task AssertTouchSizedAsync(ILocator target, string what)
    {
        await Assertions.Expect(target).ToBeVisibleAsync();
        var box = (await target.BoundingBoxAsync())!;
        Assert.True(box.Width >= 44 && box.Height >= 44, $"{what} is {box.Width}x{box.Height} px, smaller than 44x44");
    }

    private Task<IBrowserContext> NewPhoneContextAsync(int width, int height) => NewTouchContextAsync(browser, width, height);

    /// <summary>A fresh context on a touch screen of this size (a phone, a tablet).</summary>
    internal static async Task<IBrowserContext> NewTouchContextAsync(BrowserFixture browser, int width, int height)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(60_000);
        return context;
    }

    private static MimeMessage Message(string from, string subject, DateTimeOffset date, string text)
    {
        var message = new MimeMessage { Subject = subject, Date = date };
        message.From.Add(new MailboxAddress("Phone Sender", from));
        message.To.Add(MailboxAddress.Parse("team@example.org"));
        message.Body = new TextPart("plain") { Text = text + "\r\n" };
        return message;
    }

    internal static async Task AppendAsync(string user, MimeMessage message)
    {
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.Seen) { InternalDate = message.Date });
        await client.DisconnectAsync(true);
    }
}
