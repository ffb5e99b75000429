using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Long bodies in Chromium: the browser owns the text and sends it to the server in bounded pieces, so what
/// reaches Drafts and the recipient is exactly what the editor shows, far past the hub's 32 KB message limit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ComposeLargeBodyTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(40_000)]
    [InlineData(1_000_000)]
    public async Task PlainBody_SavedRightAfterPasting_DraftsAndRecipientGetEveryCharacter(int length)
    {
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        var text = ComposeBodies.Text(length, lineLength: 120);
        await using var session = await browser.SignedInAsync(alice);
        var page = session.Page;
        await OpenComposeAsync(page, bob, $"Plain {length}");

        // The whole text in one input event, then "Save draft" at once: the save flushes the editor first.
        // (Chromium's insertText, which FillAsync uses, takes minutes for 1 MB in a textarea: that size is pasted.)
        if (length <= 100_000)
        {
            await Body(page).FillAsync(text);
        }
        else
        {
            await Body(page).EvaluateAsync("(e, text) => { e.value = text; e.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' })); }", text);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await ComposeBodies.WaitForDraftAsync(alice, saved => saved == text);
        await SendAsync(page);
        Assert.Equal(text, ComposeBodies.PlainText(await ComposeBodies.OnlyMessageAsync(bob)));
    }

    [Theory]
    [InlineData(40_000)]
    [InlineData(1_000_000)]
    public async Task RichBody_SavedRightAfterPasting_DraftsAndRecipientGetWhatTheEditorShows(int length)
    {
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        var text = ComposeBodies.Text(length, lineLength: 2000);
        await using var session = await browser.SignedInAsync(alice);
        var page = session.Page;
        await OpenComposeAsync(page, bob, $"Rich {length}");
        var editor = await UserActions.SwitchToRichTextAsync(page);

        // As for the textarea, Chromium's insertText is too slow for 1 MB: that size is pasted as one change.
        if (length <= 100_000)
        {
            await editor.FillAsync(text);
        }
        else
        {
            await editor.EvaluateAsync("(e, text) => { e.innerText = text; e.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' })); }", text);
        }

        var shown = await editor.EvaluateAsync<string>("e => e.innerText");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        Assert.True(shown.Length >= length, $"the editor shows {shown.Length} characters of {length}");
        var draft = await ComposeBodies.WaitForDraftAsync(alice, saved => saved == shown);
        Assert.Contains("東京", draft.HtmlBody, StringComparison.Ordinal);
        await SendAsync(page);
        var received = await ComposeBodies.OnlyMessageAsync(bob);
        Assert.Equal(shown, ComposeBodies.PlainText(received));
        Assert.Equal(draft.HtmlBody?.ReplaceLineEndings("\n"), received.HtmlBody?.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Reply_ToA33KilobyteMail_CarriesTheLineTypedAboveTheQuote()
    {
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        var original = new MimeMessage { Subject = "The long report", Body = new TextPart("plain") { Text = ComposeBodies.Text(33 * 1024, lineLength: 72, seed: 3) } };
        original.From.Add(MailboxAddress.Parse(bob));
        original.To.Add(MailboxAddress.Parse(alice));
        await MailStack.DeliverAsync(original, alice);
        await MailStack.WaitForInboxAsync(alice, 1);
        await using var session = await browser.SignedInAsync(alice);
        var page = session.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "The long report" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Reply", Exact = true }).ClickAsync();
        var body = Body(page);
        await Assertions.Expect(body).ToHaveValueAsync(new Regex("wrote:"));
        await body.FocusAsync();
        await page.Keyboard.PressAsync("Control+Home");
        await page.Keyboard.TypeAsync("Thanks, I read all of it.\n");
        await SendAsync(page);

        var reply = ComposeBodies.PlainText(await ComposeBodies.OnlyMessageAsync(bob));
        Assert.StartsWith("Thanks, I read all of it.\n", reply, StringComparison.Ordinal);
        Assert.Contains(" wrote:\n> ", reply, StringComparison.Ordinal);
        Assert.True(reply.Length > 33 * 1024, $"the quote is missing: {reply.Length} characters sent");
    }

    [Fact]
    public async Task RichText_TypingDuringTheSendCountdown_RendersNeverReplaceTheTextAndAllOfItIsSent()
    {
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        await using var session = await browser.SignedInAsync(alice);
        var page = session.Page;
        await OpenComposeAsync(page, bob, "Typed while counting down");
        var editor = await UserActions.SwitchToRichTextAsync(page);
        await editor.ClickAsync();
        await page.Keyboard.TypeAsync("Before send. ");

        // The countdown re-renders the page every second while the user keeps typing in the editor.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var countdown = page.GetByText(new Regex("Sending in \\d s"));
        await Assertions.Expect(countdown).ToBeVisibleAsync();
        await editor.PressAsync("End");
        var typed = new List<string>();
        for (var i = 0; await countdown.IsVisibleAsync() && i < 200; i++)
        {
            var word = $"w{i} ";
            await editor.PressSequentiallyAsync(word, new() { Delay = 15 });
            typed.Add(word);
        }

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail/"), new() { Timeout = 30000 });
        var received = ComposeBodies.PlainText(await ComposeBodies.OnlyMessageAsync(bob));
        Assert.True(typed.Count > 5, $"only {typed.Count} words were typed during the countdown");
        Assert.StartsWith("Before send. w0 w1 w2 w3 w4", received, StringComparison.Ordinal);
        // Words typed before the last flush are all there (the very last ones may come after it).
        Assert.True(received.Contains(string.Concat(typed.Take(typed.Count - 2)).TrimEnd(), StringComparison.Ordinal), $"typed during the countdown: {string.Concat(typed)}; sent: {received}");
    }

    private static ILocator Body(IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

    private static async Task OpenComposeAsync(IPage page, string to, string subject)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New message" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New message" })).ToBeVisibleAsync();
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(to);
        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync(subject);
    }

    private static async Task SendAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail/"), new() { Timeout = 60000 });
    }
}
