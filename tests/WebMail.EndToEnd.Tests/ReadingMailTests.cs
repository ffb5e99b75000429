using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ReadingMailTests(BrowserFixture browser)
{
    private static readonly string[] Fixtures =
    [
        "html-newsletter-remote-images.unread.eml", "attachment-pdf-invoice.flagged.eml", "hostile-html-sanitizer.eml",
        "html-inline-cid-logo.eml", "plain-text-urls-and-escaping.eml", "charset-shift-jis.eml",
    ];

    [Fact]
    public async Task ReadMail_SignInOpenHtmlShowRemoteDownloadAttachmentSignOut()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;
        var outside = session.OutsideRequests;
        var list = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });
        await Assertions.Expect(list.GetByRole(AriaRole.Link)).ToHaveCountAsync(Fixtures.Length);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex(@"^\(1\) Inbox — WebMail$"));
        await Shots.SaveAsync(page, "inbox");

        await list.GetByRole(AriaRole.Link, new() { Name = "Northwind Outdoor" }).ClickAsync();
        var frame = page.FrameLocator("iframe[title='Message content']");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Northwind Outdoor: November picks" })).ToBeVisibleAsync();
        await Assertions.Expect(frame.Locator("body")).ToContainTextAsync("Northwind");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Remote content" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync("Inbox — WebMail");
        await Shots.SaveAsync(page, "html-blocked");
        Assert.Empty(outside);

        // Shown through WebMail's image proxy: the browser asks WebMail for the images, never the sender.
        var proxied = await page.RunAndWaitForRequestAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Show remote content" }).ClickAsync(),
            r => r.Url.Contains("/remote/", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Remote content" })).ToHaveCountAsync(0);
        await Assertions.Expect(frame.Locator("img").First).ToHaveAttributeAsync("src", new Regex("^/mail/frame/[0-9a-f]+/remote/"));
        Assert.Matches($"^{Regex.Escape(browser.BaseAddress)}/mail/frame/[0-9a-f]+/remote/", proxied.Url);
        Assert.Empty(outside);

        await list.GetByRole(AriaRole.Link, new() { Name = "Invoice 2026-10-042" }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Region, new() { Name = "Attachments" }).GetByRole(AriaRole.Link, new() { Name = "invoice-2026-10-042.pdf" }).ClickAsync());
        var path = await download.PathAsync();
        Assert.Equal("invoice-2026-10-042.pdf", download.SuggestedFilename);
        Assert.Equal(AttachmentBytes("attachment-pdf-invoice.flagged.eml"), await File.ReadAllBytesAsync(path));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("You have been signed out.")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task HostileMessage_Opened_BrowserRequestsNothingButTheFrame()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;
        var outside = session.OutsideRequests;
        var requests = new List<string>();
        var dialogs = 0;
        page.Request += (_, r) => requests.Add(r.Url);
        page.Dialog += (_, d) => dialogs++;

        await page.GetByRole(AriaRole.Link, new() { Name = "Hostile HTML test" }).ClickAsync();
        var frame = page.FrameLocator("iframe[title='Message content']");
        await Assertions.Expect(frame.Locator("body")).ToContainTextAsync("SAFE-CONTENT-MARKER");
        await page.WaitForTimeoutAsync(1000);
        await Shots.SaveAsync(page, "hostile");

        Assert.Empty(outside);
        Assert.Equal(0, dialogs);
        Assert.DoesNotContain(requests, r => r.Contains("/account/", StringComparison.Ordinal));
        Assert.All(requests.Where(r => r.Contains("/mail/", StringComparison.Ordinal)), r => Assert.Contains("/mail/frame/", r, StringComparison.Ordinal));
        Assert.Equal("interactive", await page.Locator("[data-render-mode]").GetAttributeAsync("data-render-mode"));
        await page.GotoAsync("/");
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task CidImage_ShownFromTheMessageItself()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;
        var outside = session.OutsideRequests;

        await page.GetByRole(AriaRole.Link, new() { Name = "Inline logo via cid" }).ClickAsync();
        var image = page.FrameLocator("iframe[title='Message content']").Locator("img").First;
        await Assertions.Expect(image).ToBeVisibleAsync();

        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 32"));
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Keyboard_ArrowsMoveBetweenMessagesAndEnterOpensAndMarksRead()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;
        var newsletter = page.GetByRole(AriaRole.Link, new() { Name = "Northwind Outdoor" });
        await Assertions.Expect(newsletter.Locator("xpath=..")).ToHaveClassAsync(new Regex("unread"));

        await newsletter.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Hostile HTML test" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(newsletter).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Northwind Outdoor: November picks" })).ToBeVisibleAsync();
        await Assertions.Expect(newsletter.Locator("xpath=..")).Not.ToHaveClassAsync(new Regex("unread"));
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = "Inbox", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Delete_MessageMovesToTrashAndLeavesTheList()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "会議の議事録" }).ClickAsync();
        await Assertions.Expect(page.GetByText("本日の会議の議事録をお送りします。")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "会議の議事録" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = "Trash" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "会議の議事録" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task MarkUnread_OnTheOpenMessage_StaysUnreadOnTheServer()
    {
        var user = await SeededUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;

        // Opened already read, then marked unread: opening it must not mark it read again behind the user's back.
        await page.GetByRole(AriaRole.Link, new() { Name = "Inline logo via cid" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark unread" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark read" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex(@"^\(2\) Inbox — WebMail$"));
        Assert.False(await IsSeenOnServerAsync(user, "Inline logo via cid"), "the message was marked read again after 'Mark unread'");

        // Opened unread (marked read by opening it), then marked unread: the same.
        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind Outdoor" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark unread" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex(@"^\(1\) Inbox — WebMail$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark unread" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark read" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex(@"^\(2\) Inbox — WebMail$"));
        Assert.False(await IsSeenOnServerAsync(user, "Northwind Outdoor"), "the message was marked read again after 'Mark unread'");
    }

    private static async Task<bool> IsSeenOnServerAsync(string user, string subject)
    {
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
        var uids = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.SubjectContains(subject));
        var found = await client.Inbox.FetchAsync(uids, new MailKit.FetchRequest(MailKit.MessageSummaryItems.Flags));
        return found.Single().Flags!.Value.HasFlag(MailKit.MessageFlags.Seen);
    }

    private static async Task<string> SeededUserAsync()
    {
        var user = MailStack.NewUser("e2e");
        await Seeder.SeedAsync(user, MailStack.TestPassword, Fixtures.Select(Corpus.File));
        return user;
    }

    private static byte[] AttachmentBytes(string fixture)
    {
        using var stream = new MemoryStream();
        ((MimePart)Corpus.File(fixture).Load().Attachments.First()).Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}

/// <summary>Screenshots for people, saved only when WEBMAIL_SCREENSHOTS names a folder.</summary>
public static class Shots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("WEBMAIL_SCREENSHOTS") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png") });
        }
    }
}
