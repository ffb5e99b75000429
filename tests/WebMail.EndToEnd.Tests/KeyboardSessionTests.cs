using System.Text.RegularExpressions;
using MailKit;
using MailKit.Search;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// A whole session by keyboard alone, as someone who cannot use a mouse works: sign in, find a message, pick and
/// archive another, undo nothing by mouse, reply and send. No click, hover or other pointer event is sent.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardSessionTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignInToReply_KeyboardOnly()
    {
        var user = await OrganizeBrowserTests.SeededUserAsync();
        var (context, _) = await browser.NewContextAsync();
        await using var _ = context;
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/login");
        await TabToAsync(page, "#username");
        await page.Keyboard.TypeAsync(user);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(MailStack.TestPassword);
        await page.Keyboard.PressAsync("Enter");
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("body[data-shortcuts=on]")).ToHaveCountAsync(1);
        var inbox = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });
        await Assertions.Expect(inbox.Locator("li.row").First.Locator(".subject")).ToHaveTextAsync("Message 30");

        // j to the list, j again to the second row; x picks it, e archives what is picked.
        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(inbox.Locator("li.row").Nth(1).Locator("a")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("x");
        await Assertions.Expect(page.Locator(".bulk-count")).ToHaveTextAsync("1 selected");
        await page.Keyboard.PressAsync("e");
        await Assertions.Expect(page.Locator(".toast")).ToContainTextAsync("1 message");
        await Assertions.Expect(inbox.Locator("li.row .subject", new() { HasText = "Message 29" })).ToHaveCountAsync(0);

        // k back to the first row, o opens it, r replies.
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(inbox.Locator("li.row").First.Locator("a")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("o");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Message 30" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("r");
        // The compose page adds its draft id to the URL once it is interactive (id=… first), so the order is free.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/compose\?(?:[^#]*&)?reply=[^&]+&kind=Reply"));
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(page.GetByLabel("Subject")).ToHaveValueAsync("Re: Message 30");

        await TabToAsync(page, "#compose-body");
        await Assertions.Expect(page.Locator("#compose-body")).ToBeEditableAsync();
        await page.Keyboard.TypeAsync("Thanks, typed without a mouse.");
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail/"), new() { Timeout = 15000 });

        using var client = await MailStack.ConnectAsync(user);
        var sent = await client.GetFolderAsync("Sent");
        await sent.OpenAsync(FolderAccess.ReadOnly);
        var found = await sent.SearchAsync(SearchQuery.SubjectContains("Re: Message 30").And(SearchQuery.BodyContains("typed without a mouse")));
        Assert.Single(found);
        var archive = await client.GetFolderAsync("Archive");
        await archive.OpenAsync(FolderAccess.ReadOnly);
        Assert.Single(await archive.SearchAsync(SearchQuery.SubjectContains("Message 29")));
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has the focus (at most 60 times).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {selector}; the focus is on {await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 120)")}");
    }
}
