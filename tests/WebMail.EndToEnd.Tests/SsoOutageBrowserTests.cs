using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.Account;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// The identity provider stops answering (its port refuses connections) for three token lifetimes while an
/// SSO tab is open: the tab stays signed in and keeps reading mail over its authenticated IMAP connection,
/// says why, and the notice goes away once the provider is back and a refresh succeeds.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SsoOutageBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(10);
    private readonly DevIdentityProviderHost _provider = new(TokenLifetime);
    private TcpRelay _relay = default!;
    private KestrelWebMailFactory _app = default!;

    public Task InitializeAsync()
    {
        var provider = new Uri(_provider.BaseAddress);
        _relay = new TcpRelay(provider.Host, provider.Port);
        _app = new KestrelWebMailFactory().WithSso(_provider, authority: _relay.HttpAddress + "/")
            .With("WebMail:Authentication:Oidc:RefreshBeforeExpirySeconds", "4");
        _app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _relay.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task ProviderDownForThreeTokenLifetimes_TabKeepsReadingStaysSignedInNoticeClearsOnReturn()
    {
        var user = MailStack.NewUser("idpdown");
        await MailStack.DeliverAsync(Message("Before the outage"), user);
        await MailStack.WaitForInboxAsync(user, 1);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _app.BaseAddress });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Email address").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(MailStack.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await UserActions.WaitInteractiveAsync(page);
        var inbox = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });
        await Assertions.Expect(inbox.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = SignInHealth.ProviderUnreachableSentence });
        await Assertions.Expect(notice).ToHaveCountAsync(0);

        await _relay.StopAsync();
        var outageEnds = DateTimeOffset.UtcNow + 3 * TokenLifetime;

        // The tab's next sign-in check finds the provider gone once the token needs renewing: it says so and stays.
        await Assertions.Expect(notice).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await MailStack.DeliverAsync(Message("During the outage"), user);
        await inbox.GetByRole(AriaRole.Link, new() { Name = "During the outage" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "During the outage" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Message text")).ToContainTextAsync("Written while the provider is down.");

        // The outage is the scenario: three token lifetimes without a provider (not a wait for state).
        if (outageEnds - DateTimeOffset.UtcNow is { Ticks: > 0 } rest)
        {
            await Task.Delay(rest);
        }

        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/"));
        await Assertions.Expect(page.GetByLabel("Signed in as")).ToHaveTextAsync(user);
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await inbox.GetByRole(AriaRole.Link, new() { Name = "Before the outage" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Before the outage" })).ToBeVisibleAsync();

        // The provider is back: a retry refreshes, the notice goes, and a new IMAP login uses the new token.
        var refreshes = _app.Services.GetRequiredService<OidcTokenRefresher>().RefreshCount;
        _relay.Start();
        await Assertions.Expect(notice).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        Assert.True(_app.Services.GetRequiredService<OidcTokenRefresher>().RefreshCount > refreshes);
        await MailStack.DoveadmAsync("kick", user);
        await MailStack.DeliverAsync(Message("After the outage"), user);
        await Assertions.Expect(inbox.GetByRole(AriaRole.Link, new() { Name = "After the outage" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/"));
    }

    private static MimeMessage Message(string subject)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Written while the provider is down." } };
        message.From.Add(new MailboxAddress("Sender", "sender@example.org"));
        return message;
    }
}
