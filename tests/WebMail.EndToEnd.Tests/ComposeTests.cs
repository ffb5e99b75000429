using System.Text.RegularExpressions;
using MailKit;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>Writing mail in Chromium: compose with an attachment, undo, send, reply, and drafts that survive a closed tab.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ComposeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Compose_AttachUndoThenSend_ArrivesAndTheReplyThreadsBack()
    {
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        await using var session = await browser.SignedInAsync(alice);
        var page = session.Page;
        var file = new byte[3 * 1024 * 1024];
        new Random(5).NextBytes(file);

        await page.GetByRole(AriaRole.Link, new() { Name = "New message" }).ClickAsync();
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(bob);
        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Plans for Friday");
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Shall we meet at noon?");
        await page.EvaluateAsync("""
            () => new MutationObserver(() => { if (document.querySelector("progress[aria-label='Upload progress']")) window.__progressSeen = true; })
                    .observe(document.body, { childList: true, subtree: true })
            """);
        await page.GetByLabel(new Regex("^Attach files")).SetInputFilesAsync(new FilePayload { Name = "agenda.bin", MimeType = "application/octet-stream", Buffer = file });
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Attachments" })).ToContainTextAsync("agenda.bin", new() { Timeout = 20000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__progressSeen === true"), "the upload progress bar was never shown");

        // Undo within the countdown keeps the message here; nothing leaves.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex("Sending in \\d s"))).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Sending cancelled; keep editing.")).ToBeVisibleAsync();
        Assert.Equal(0, await Seeder.CountInboxAsync(bob, MailStack.TestPassword));

        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail/"), new() { Timeout = 15000 });
        var received = await OnlyMessageAsync(bob);
        Assert.Equal("Plans for Friday", received.Subject);
        using (var bytes = new MemoryStream())
        {
            ((MimePart)received.Attachments.Single()).Content!.DecodeTo(bytes);
            Assert.Equal(file, bytes.ToArray());
        }

        // Bob answers from his inbox; the reply reaches Alice's open tab as "Re: …".
        await using var bobSession = await browser.SignedInAsync(bob);
        await bobSession.Page.GetByRole(AriaRole.Link, new() { Name = "Plans for Friday" }).ClickAsync();
        await bobSession.Page.GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true }).ClickAsync();
        await UserActions.WaitInteractiveAsync(bobSession.Page);
        await Assertions.Expect(bobSession.Page.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Re: Plans for Friday");
        await Assertions.Expect(bobSession.Page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync(alice);
        await Assertions.Expect(bobSession.Page.GetByLabel("Message", new() { Exact = true })).ToHaveValueAsync(new Regex("> Shall we meet at noon\\?"));
        await bobSession.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await page.GotoAsync("/");
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Re: Plans for Friday" })).ToBeVisibleAsync(new() { Timeout = 20000 });
    }

    [Fact]
    public async Task Compose_RichText_BoldAndListArriveAsHtmlWithATextAlternative()
    {
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        await using var session = await browser.SignedInAsync(alice);
        var page = session.Page;
        await page.GotoAsync("/compose");
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(bob);
        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Formatted");

        var editor = await UserActions.SwitchToRichTextAsync(page);
        await editor.ClickAsync();
        await page.Keyboard.TypeAsync("Important point");
        await page.Keyboard.PressAsync("Control+A");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bold" }).ClickAsync();
        await Assertions.Expect(editor.Locator("b")).ToHaveTextAsync("Important point");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail/"), new() { Timeout = 15000 });

        var received = await OnlyMessageAsync(bob);
        Assert.Contains("<b>Important point</b>", received.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Important point", received.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_TabClosedMidTyping_DraftReopensWithTheText()
    {
        var alice = MailStack.NewUser("alice");
        await using var session = await browser.SignedInAsync(alice);
        var page = await session.Context.NewPageAsync();
        await page.GotoAsync("/compose");
        await UserActions.WaitInteractiveAsync(page);

        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Half-written thoughts");
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("The first paragraph, typed before the tab closed.");
        await Assertions.Expect(page.GetByText(new Regex("^Draft saved at"))).ToBeVisibleAsync(new() { Timeout = 5000 });
        await page.CloseAsync();

        var main = session.Page;
        await main.GotoAsync("/");
        await UserActions.WaitInteractiveAsync(main);
        await main.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = "Drafts" }).ClickAsync();
        await main.GetByRole(AriaRole.Link, new() { Name = "Half-written thoughts" }).ClickAsync();
        await main.GetByRole(AriaRole.Link, new() { Name = "Edit draft" }).ClickAsync();
        await Assertions.Expect(main.GetByRole(AriaRole.Heading, new() { Name = "New message" })).ToBeVisibleAsync();
        await Assertions.Expect(main.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true })).ToHaveValueAsync(new Regex("The first paragraph, typed before the tab closed."));
        await Assertions.Expect(main.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Half-written thoughts");
    }

    private static async Task<MimeMessage> OnlyMessageAsync(string user)
    {
        await MailStack.WaitForInboxAsync(user, 1);

        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return await client.Inbox.GetMessageAsync(0);
    }
}
