using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>The app's strict Content-Security-Policy and Permissions-Policy in Chromium: nothing the app does is refused.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityPolicyBrowserTests(BrowserFixture browser)
{
    /// <summary>Runs in every document: reports each refusal the browser makes under a policy.</summary>
    private const string ViolationListener =
        "document.addEventListener('securitypolicyviolation', e => window.__cspViolation(" +
        "`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`));";

    [Fact]
    public async Task StrictPolicy_SignInReadHtmlComposeRichSignOut_NothingRefused()
    {
        var user = MailStack.NewUser("csp");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("html-inline-cid-logo.eml"), Corpus.File("plain-text-urls-and-escaping.eml")]);
        var (context, outside) = await browser.NewContextAsync();
        await using var _ = context;
        var violations = new List<string>();
        await context.ExposeBindingAsync("__cspViolation", (BindingSource source, string text) =>
        {
            lock (violations)
            {
                violations.Add(text);
            }
        });
        await context.AddInitScriptAsync(ViolationListener);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Permissions-Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (console)
                {
                    console.Add($"{message.Type}: {message.Text}");
                }
            }
        };

        // The sign-in page (a plain form) and the mail view (an interactive circuit over a same-origin WebSocket).
        var login = await page.GotoAsync("/account/login");
        Assert.Contains("script-src 'self';", await login!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        await UserActions.SignInAsync(page, user);

        // An HTML message in its frame, its inline image served by the app.
        await page.GetByRole(AriaRole.Link, new() { Name = "Inline logo via cid" }).ClickAsync();
        var frame = page.FrameLocator("iframe[title='Message content']");
        await Assertions.Expect(frame.Locator("img").First).ToBeVisibleAsync();
        Assert.True(await frame.Locator("img").First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the inline image did not load");

        // The circuit answers clicks.
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark unread" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark read" })).ToBeVisibleAsync();

        // Rich text keeps the plain text's line breaks: the editor's paragraphs carry a style attribute.
        await page.GotoAsync("/compose");
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("First line\n\nThird line");
        var editor = await UserActions.SwitchToRichTextAsync(page);
        await Assertions.Expect(editor).ToContainTextAsync("Third line");
        Assert.Equal("pre-wrap", await editor.Locator("div").First.EvaluateAsync<string>("e => getComputedStyle(e).whiteSpace"));

        // Sign-out posts a form and follows its redirect (form-action).
        await page.GotoAsync("/");
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You have been signed out.")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));

        Assert.True(violations.Count == 0, string.Join("\n", violations));
        Assert.True(console.Count == 0, string.Join("\n", console));
        Assert.Empty(outside);
    }
}
