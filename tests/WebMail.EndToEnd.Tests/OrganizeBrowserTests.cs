using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Acting on many messages in a real browser against the real Dovecot: Shift+click ranges, dragging the picked rows
/// onto a folder, the toast's Undo, the reader moving on to the next message, and axe-core on the list while rows
/// are picked.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganizeBrowserTests(BrowserFixture browser)
{
    private const int Messages = 30;

    private static ILocator Inbox(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });

    private static ILocator Row(IPage page, int number) =>
        Inbox(page).Locator("li.row").Filter(new() { Has = page.Locator(".subject", new() { HasTextRegex = new Regex($"^Message {number:00}$") }) });

    private static ILocator Toast(IPage page) => page.Locator(".toast");

    [Fact]
    public async Task ShiftClick20Rows_DragOntoAFolder_MovesThemAll_UndoBringsThemBack()
    {
        var user = await SeededUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        await Assertions.Expect(Inbox(page).Locator("li.row").First).ToContainTextAsync($"Message {Messages:00}");

        // Newest first: rows 30 down to 11 are the first twenty, all on screen in a tall window (a click that has to
        // scroll the list first can land while the rows are redrawn for the new position).
        await page.SetViewportSizeAsync(1400, 1700);
        await Assertions.Expect(Row(page, 11)).ToBeInViewportAsync();
        await Row(page, 30).Locator("input.pick").ClickAsync();
        await Row(page, 11).Locator("input.pick").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(page.Locator(".bulk-count")).ToHaveTextAsync("20 selected");
        await Assertions.Expect(Row(page, 20)).ToHaveClassAsync(new Regex(@"\bpicked\b"));
        await Assertions.Expect(Row(page, 11).Locator("input.pick")).ToBeCheckedAsync();

        // One picked row dragged onto the folder takes every picked row with it.
        await Row(page, 20).Locator("a").DragToAsync(page.Locator("[data-folder='Projects']"));
        await Assertions.Expect(Toast(page)).ToContainTextAsync("20 messages");
        await Assertions.Expect(Inbox(page).Locator("li.row")).ToHaveCountAsync(Messages - 20);
        Assert.Equal(20, await CountAsync(user, "Projects"));
        await Assertions.Expect(page.Locator(".bulk-count")).ToHaveCountAsync(0);

        await Toast(page).GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(Toast(page)).ToContainTextAsync("back");
        await Assertions.Expect(Inbox(page).Locator("li.row").First.Locator(".subject")).ToHaveTextAsync("Message 30");
        await Assertions.Expect(Row(page, 20)).ToHaveCountAsync(1);
        Assert.Equal(0, await CountAsync(user, "Projects"));
        Assert.Equal(Messages, await CountAsync(user, "INBOX"));
    }

    [Fact]
    public async Task CtrlClickPicks_ToolbarMarksRead_AndArchivingTheOpenMessageOpensTheNextOne()
    {
        var user = await SeededUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;

        // Ctrl+click on a row picks it instead of opening it (or a new tab).
        await Row(page, 29).Locator("a").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
        await Row(page, 27).Locator("a").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
        await Assertions.Expect(page.Locator(".bulk-count")).ToHaveTextAsync("2 selected");
        Assert.Single(session.Context.Pages);
        await page.GetByRole(AriaRole.Toolbar, new() { Name = "Selected messages" }).GetByRole(AriaRole.Button, new() { Name = "Mark read", Exact = true }).ClickAsync();
        await Assertions.Expect(Toast(page)).ToContainTextAsync("2 messages");
        await Assertions.Expect(Row(page, 29)).Not.ToHaveClassAsync(new Regex(@"\bunread\b"));
        await Assertions.Expect(Row(page, 28)).ToHaveClassAsync(new Regex(@"\bunread\b"));

        // The reader's Archive: the message goes, the next one in the list opens, Undo brings it back.
        await Row(page, 22).Locator("a").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Message 22" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Toolbar, new() { Name = "Message actions" }).GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Message 21" })).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, 22)).ToHaveCountAsync(0);
        Assert.Equal(1, await CountAsync(user, "Archive"));
        await Toast(page).GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(Row(page, 22)).ToHaveCountAsync(1);
        Assert.Equal(0, await CountAsync(user, "Archive"));
    }

    [Fact]
    public async Task LabelTwoMessages_ChipsShowOnTheRows_AndLabelSearchFindsExactlyThem()
    {
        var user = await SeededUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;

        await Row(page, 30).Locator("input.pick").ClickAsync();
        await Row(page, 26).Locator("input.pick").ClickAsync();
        var toolbar = page.GetByRole(AriaRole.Toolbar, new() { Name = "Selected messages" });
        // Thunderbird's five labels are there from the start ("Work" is $label2).
        await toolbar.GetByLabel("Label").SelectOptionAsync(new SelectOptionValue { Label = "Work" });
        await toolbar.GetByRole(AriaRole.Button, new() { Name = "Add label" }).ClickAsync();
        await Assertions.Expect(Toast(page)).ToContainTextAsync("2 messages");
        await Assertions.Expect(Row(page, 30).Locator(".label-chip")).ToHaveTextAsync("label Work");
        await Assertions.Expect(Row(page, 26).Locator(".label-chip")).ToHaveTextAsync("label Work");
        await Assertions.Expect(Row(page, 28).Locator(".label-chip")).ToHaveCountAsync(0);

        var box = page.GetByRole(AriaRole.Search, new() { Name = "Search mail" }).GetByLabel("Search mail");
        await box.FillAsync("label:Work");
        await box.PressAsync("Enter");
        var results = page.GetByRole(AriaRole.List, new() { Name = "Search results" });
        await Assertions.Expect(results.Locator("li.row .subject")).ToHaveTextAsync(["Message 30", "Message 26"]);
    }

    [Fact]
    public async Task ListWithRowsPicked_AxeFindsNothing()
    {
        var user = await SeededUserAsync();
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        await Row(page, 30).Locator("input.pick").ClickAsync();
        await Row(page, 28).Locator("input.pick").ClickAsync();
        await Assertions.Expect(page.Locator(".bulk-count")).ToHaveTextAsync("2 selected");

        var result = await page.Locator(".list-pane").RunAxe();

        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}")));
    }

    internal static async Task<int> CountAsync(string user, string folder)
    {
        using var client = await MailStack.ConnectAsync(user);
        var f = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        await f.StatusAsync(StatusItems.Count);
        return f.Count;
    }

    /// <summary>A mailbox with "Message 01" (oldest) … "Message 30" (newest) unread in the inbox, and an empty "Projects" folder.</summary>
    internal static async Task<string> SeededUserAsync()
    {
        var user = MailStack.NewUser("org");
        using var client = new ImapClient();
        await client.ConnectAsync(MailStack.Host, MailStack.ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, MailStack.TestPassword);
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var projects = await root.CreateAsync("Projects", true);
        await projects!.SubscribeAsync();
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        for (var i = 1; i <= Messages; i++)
        {
            var message = new MimeMessage { Subject = $"Message {i:00}", Date = start.AddMinutes(i) };
            message.From.Add(new MailboxAddress($"Sender {i:00}", $"sender{i}-{user}"));
            message.To.Add(MailboxAddress.Parse(user));
            message.MessageId = $"org-{i}@example.test";
            message.Body = new TextPart("plain") { Text = $"Body of message {i}." };
            await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.None, start.AddMinutes(i)));
        }

        await client.DisconnectAsync(true);
        return user;
    }
}
