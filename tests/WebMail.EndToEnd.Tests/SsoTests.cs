using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Mail.Sending;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>Single sign-on in Chromium: the dev provider's real sign-in page, XOAUTH2/OAUTHBEARER to the real Dovecot and Postfix.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SsoTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(20);
    private readonly DevIdentityProviderHost _provider = new(TokenLifetime);
    private KestrelWebMailFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new KestrelWebMailFactory().WithSso(_provider).With("WebMail:Authentication:Oidc:RefreshBeforeExpirySeconds", "5");
        _app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Sso_SignInAtProviderKeepWorkingPastTokenExpirySendWithTokenSignOut()
    {
        var user = MailStack.NewUser("sso");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("plain-text-urls-and-escaping.eml"), Corpus.File("charset-koi8-r.eml")]);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress });
        var page = await context.NewPageAsync();

        // WebMail sends the browser straight to the provider; the user signs in there.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "WebMail Dev Identity Provider" })).ToBeVisibleAsync();
        await page.GetByLabel("Email address").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(MailStack.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await UserActions.WaitInteractiveAsync(page);
        var inbox = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });
        await Assertions.Expect(inbox.GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByLabel("Signed in as")).ToHaveTextAsync(user);

        // Past the first access token's expiry, the server drops the IMAP connection: the reconnect must
        // log in with a refreshed token and the folder must still load.
        await Task.Delay(TokenLifetime + TimeSpan.FromSeconds(2));
        await MailStack.DoveadmAsync("kick", user);
        var folders = page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" });
        await folders.GetByRole(AriaRole.Link, new() { Name = "Sent" }).ClickAsync();
        await Assertions.Expect(page.GetByText("This folder is empty.")).ToBeVisibleAsync();
        await folders.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await Assertions.Expect(inbox.GetByRole(AriaRole.Link, new() { Name = "Отчёт за октябрь" })).ToBeVisibleAsync();

        // The same sign-in submits mail through Postfix with the (refreshed) token.
        var recipient = MailStack.NewUser("rcpt");
        var message = new MimeMessage { Subject = "Sent with an OAuth token", Body = new TextPart("plain") { Text = "Hello." } };
        message.From.Add(MailboxAddress.Parse(user));
        message.To.Add(MailboxAddress.Parse(recipient));
        await _app.Services.GetRequiredService<SmtpSender>().SendAsync(user, message);
        await MailStack.WaitForInboxAsync(recipient, 1);

        // Sign-out ends the provider's session too: signing in again asks for the password.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByText("You have been signed out.")).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with the dev provider" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "WebMail Dev Identity Provider" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
    }

}
