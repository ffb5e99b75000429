using System.Text.RegularExpressions;
using MailKit;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Conversations in Chromium: the toggle above the list (kept per user), a conversation holding the user's reply sent
/// from the app (found in Sent) stacked under the message it answers, an older message opened with a click, and a
/// new answer joining its conversation live.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConversationBrowserTests(BrowserFixture browser)
{
    private const string CarolsText = "Shall we meet by the fountain at noon?";

    /// <summary>Message-IDs unique to this run.</summary>
    private static readonly string Domain = $"{Guid.NewGuid():N}.conv.example";

    [Fact]
    public async Task Conversations_ToggleOpenWithSentReplyExpandOlderAndKeptAfterReload()
    {
        var user = MailStack.NewUser("convui");
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        await AppendAsync(user, Message("garden-1", "Garden party", "Carol", start, CarolsText));
        await AppendAsync(user, Message("parking-1", "Parking spaces", "Dave", start.AddMinutes(5), "Level 2 is closed."));
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Conversations", Exact = true });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        var list = page.GetByRole(AriaRole.List, new() { Name = "Conversations in INBOX" });
        await Assertions.Expect(list.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);

        // The user answers Carol from the app: the copy goes to Sent.
        await list.GetByRole(AriaRole.Link, new() { Name = "Garden party" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true }).ClickAsync();
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Re: Garden party");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail/"), new() { Timeout = 15000 });
        await UserActions.WaitInteractiveAsync(page);

        // Opened again: Carol's message and the reply from Sent, stacked oldest first; the newest (the reply) open.
        await list.GetByRole(AriaRole.Link, new() { Name = "Garden party" }).ClickAsync();
        var stack = page.GetByRole(AriaRole.List, new() { Name = "Messages in this conversation" });
        await Assertions.Expect(stack.Locator(":scope > li")).ToHaveCountAsync(2);
        await Assertions.Expect(stack.Locator(":scope > li").Nth(1)).ToContainTextAsync("Sent");
        await Assertions.Expect(stack.GetByRole(AriaRole.Heading, new() { Name = "Re: Garden party" })).ToBeVisibleAsync();
        var older = stack.GetByRole(AriaRole.Button, new() { Name = "Carol" });
        await Assertions.Expect(older).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(stack.GetByLabel("Message text")).ToHaveCountAsync(1);

        await older.ClickAsync();
        await Assertions.Expect(stack.GetByLabel("Message text")).ToHaveCountAsync(2);
        await Assertions.Expect(stack.GetByLabel("Message text").First).ToContainTextAsync(CarolsText);
        await Assertions.Expect(stack.GetByRole(AriaRole.Button, new() { Name = "Carol" })).ToHaveAttributeAsync("aria-expanded", "true");

        // Carol answers: her reply joins the conversation in the list, and the open conversation.
        await AppendAsync(user, Message("garden-2", "Re: Garden party", "Carol", DateTimeOffset.UtcNow, "Noon it is.", parent: "garden-1"), MessageFlags.None);
        await Assertions.Expect(list.Locator("li.conversation").First).ToHaveAttributeAsync("data-count", "2", new() { Timeout = 20000 });
        await Assertions.Expect(list.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Assertions.Expect(stack.Locator(":scope > li")).ToHaveCountAsync(3, new() { Timeout = 20000 });

        // The choice is the user's: kept after a reload and in another browser.
        await page.ReloadAsync();
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Conversations", Exact = true })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(list.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await using var other = await browser.SignedInAsync(user);
        await Assertions.Expect(other.Page.GetByRole(AriaRole.List, new() { Name = "Conversations in INBOX" }).GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Conversation_FlagMoveAndDelete_ApplyToEveryMessageOfIt()
    {
        var user = MailStack.NewUser("convact");
        var start = DateTimeOffset.UtcNow.AddHours(-3);
        await AppendAsync(user, Message("budget-1", "Budget 2027", "Carol", start, "First draft attached."));
        await AppendAsync(user, Message("budget-2", "Re: Budget 2027", "Dave", start.AddMinutes(10), "Looks fine.", parent: "budget-1"));
        await AppendAsync(user, Message("budget-3", "Re: Budget 2027", "Carol", start.AddMinutes(20), "Final then.", parent: "budget-2"));
        await AppendAsync(user, Message("lunch-1", "Lunch", "Erin", start.AddMinutes(30), "Thai?"));
        using (var setup = await MailStack.ConnectAsync(user))
        {
            await setup.GetFolder(setup.PersonalNamespaces[0]).CreateAsync("Projects", true);
            await setup.DisconnectAsync(true);
        }

        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Conversations", Exact = true }).ClickAsync();
        var list = page.GetByRole(AriaRole.List, new() { Name = "Conversations in INBOX" });
        await Assertions.Expect(list.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Assertions.Expect(list.Locator("li.conversation", new() { HasText = "Budget 2027" })).ToHaveAttributeAsync("data-count", "3");

        // Flag: every message of the conversation is flagged on the server.
        await list.GetByRole(AriaRole.Link, new() { Name = "Budget 2027" }).ClickAsync();
        var actions = page.GetByRole(AriaRole.Toolbar, new() { Name = "Conversation actions" });
        await actions.GetByRole(AriaRole.Button, new() { Name = "Flag conversation" }).ClickAsync();
        await Assertions.Expect(actions.GetByRole(AriaRole.Button, new() { Name = "Unflag conversation" })).ToHaveAttributeAsync("aria-pressed", "true");
        await ServerStateAsync(async () => (await FlaggedAsync(user, "INBOX")).Count == 3, "the three messages are flagged on the server");
        Assert.DoesNotContain("Lunch", await FlaggedAsync(user, "INBOX"));

        // Move: the three go to Projects together, the conversation leaves the list, the other one stays.
        await actions.GetByLabel("Move conversation to folder").SelectOptionAsync(new SelectOptionValue { Label = "Projects" });
        await actions.GetByRole(AriaRole.Button, new() { Name = "Move conversation" }).ClickAsync();
        await Assertions.Expect(list.GetByRole(AriaRole.Link)).ToHaveCountAsync(1, new() { Timeout = 15000 });
        await Assertions.Expect(list.GetByRole(AriaRole.Link, new() { Name = "Lunch" })).ToBeVisibleAsync();
        Assert.Equal(3, await CountAsync(user, "Projects"));
        Assert.Equal(1, await CountAsync(user, "INBOX"));

        // Delete: the last conversation goes, and the folder says it is empty.
        await list.GetByRole(AriaRole.Link, new() { Name = "Lunch" }).ClickAsync();
        await actions.GetByRole(AriaRole.Button, new() { Name = "Delete conversation" }).ClickAsync();
        await Assertions.Expect(list.GetByText("This folder is empty.")).ToBeVisibleAsync(new() { Timeout = 15000 });
        Assert.Equal(0, await CountAsync(user, "INBOX"));
    }

    /// <summary>Polls the server's state (the page said it is done; the STOREs may still be on their way) for up to 15 s.</summary>
    private static async Task ServerStateAsync(Func<Task<bool>> reached, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await reached())
        {
            Assert.True(DateTime.UtcNow < deadline, $"never: {what}");
            await Task.Delay(100);
        }
    }

    private static async Task<List<string>> FlaggedAsync(string user, string folderName)
    {
        using var client = await MailStack.ConnectAsync(user);
        var folder = await client.GetFolderAsync(folderName);
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var flagged = await folder.SearchAsync(MailKit.Search.SearchQuery.Flagged);
        var subjects = flagged.Count == 0 ? [] : (await folder.FetchAsync(flagged, MessageSummaryItems.Envelope)).Select(s => s.Envelope?.Subject ?? "").ToList();
        await client.DisconnectAsync(true);
        return subjects;
    }

    private static async Task<int> CountAsync(string user, string folderName)
    {
        using var client = await MailStack.ConnectAsync(user);
        var folder = await client.GetFolderAsync(folderName);
        await folder.OpenAsync(FolderAccess.ReadOnly);
        var count = (await folder.SearchAsync(MailKit.Search.SearchQuery.NotDeleted)).Count;
        await client.DisconnectAsync(true);
        return count;
    }

    private static MimeMessage Message(string id, string subject, string from, DateTimeOffset date, string text, string? parent = null)
    {
        var message = new MimeMessage { Subject = subject, Date = date, MessageId = $"{id}@{Domain}" };
        // A local address: the reply sent from the app must be deliverable (the stack relays nothing outside).
        message.From.Add(new MailboxAddress(from, MailStack.NewUser(from.ToLowerInvariant())));
        message.To.Add(MailboxAddress.Parse("team@example.org"));
        if (parent is not null)
        {
            message.InReplyTo = $"{parent}@{Domain}";
            message.References.Add($"{parent}@{Domain}");
        }

        message.Body = new TextPart("plain") { Text = text + "\r\n" };
        return message;
    }

    private static async Task AppendAsync(string user, MimeMessage message, MessageFlags flags = MessageFlags.Seen)
    {
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.AppendAsync(new AppendRequest(message, flags) { InternalDate = message.Date });
        await client.DisconnectAsync(true);
    }
}
