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
