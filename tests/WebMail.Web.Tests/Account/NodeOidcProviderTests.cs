using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.Account;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Account;

/// <summary>
/// SSO against a second provider implementation, node oidc-provider: it needs an RFC 8707 resource indicator
/// for mail tokens and grants offline_access only with prompt=consent. Its tokens log in to the real Dovecot.
/// </summary>
public sealed class NodeOidcProviderTests : IAsyncLifetime
{
    private readonly ShiftedClock _clock = new();
    private NodeOidcProviderHost _provider = default!;
    private KestrelWebMailFactory? _app;

    public async Task InitializeAsync() => _provider = await NodeOidcProviderHost.StartAsync(TimeSpan.FromMinutes(5));

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task SignIn_PromptConsentAndResource_ProviderGetsBothAndTheRefreshedTokenReadsTheInbox()
    {
        var app = Start("consent");
        var user = MailStack.NewUser("node");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("plain-text-urls-and-escaping.eml")]);
        using var browser = new SsoHttpBrowser(app.BaseAddress);

        var inbox = await browser.SignInAtNodeProviderAsync(user);

        Assert.Equal("/", browser.Location!.AbsolutePath);
        Assert.Contains("data-render-mode=\"static\"", inbox, StringComparison.Ordinal);
        var received = await _provider.ReceivedAsync();
        var authorization = Assert.Single(received, r => r.Route == "authorization");
        Assert.Equal("consent", authorization.Prompt);
        Assert.Equal(NodeOidcProviderHost.Resource, authorization.Resource);
        var exchange = Assert.Single(received, r => r.GrantType == "authorization_code");
        Assert.Equal(NodeOidcProviderHost.Resource, exchange.Resource);
        var (sid, first) = await OnlySignInAsync(app, user);
        Assert.NotNull(first.RefreshToken);
        Assert.Equal(user, Claim(first.AccessToken, "email"));

        // Near expiry, the refresh asks for the same resource, and its token logs in to IMAP again.
        _clock.Shift = TimeSpan.FromMinutes(4.5);
        var refreshed = await app.Services.GetRequiredService<OidcTokenRefresher>().GetAccessTokenAsync(sid);

        Assert.NotNull(refreshed);
        Assert.NotEqual(first.AccessToken, refreshed);
        var refresh = Assert.Single(await _provider.ReceivedAsync(), r => r.GrantType == "refresh_token");
        Assert.Equal(NodeOidcProviderHost.Resource, refresh.Resource);
        Assert.Equal(200, refresh.Status);
        Assert.Equal("webmail-mail", Claim(refreshed, "aud"));
        using var lease = app.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        await MailStack.DoveadmAsync("kick", user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);
        Assert.Equal("Links & <angle brackets> in plain text", Assert.Single(page.Rows).Subject);
    }

    [Fact]
    public async Task SignIn_WithoutPromptConsent_NoRefreshToken_AtExpirySignInEndsSayingWhy()
    {
        var app = Start(prompt: null);
        var user = MailStack.NewUser("node");
        using var browser = new SsoHttpBrowser(app.BaseAddress);
        await browser.SignInAtNodeProviderAsync(user);
        Assert.Null(Assert.Single(await _provider.ReceivedAsync(), r => r.Route == "authorization").Prompt);
        var (sid, tokens) = await OnlySignInAsync(app, user);
        Assert.Null(tokens.RefreshToken);
        var refresher = app.Services.GetRequiredService<OidcTokenRefresher>();

        // Within the refresh margin the token is used to its end: nothing to refresh with, nothing ended yet.
        _clock.Shift = TimeSpan.FromMinutes(4.5);
        Assert.Equal(tokens.AccessToken, await refresher.GetAccessTokenAsync(sid));
        _clock.Shift = TimeSpan.FromMinutes(5.5);
        var result = await refresher.GetTokenAsync(sid);
        var page = await browser.GetAsync("/");

        Assert.Equal(AccessTokenState.Ended, result.State);
        Assert.DoesNotContain(await _provider.ReceivedAsync(), r => r.GrantType == "refresh_token");
        Assert.Equal("/account/login", browser.Location!.AbsolutePath);
        Assert.Contains(SignInEndReason.NoRefreshTokenSentence, System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotContain("refused", page, StringComparison.OrdinalIgnoreCase);
    }

    private KestrelWebMailFactory Start(string? prompt)
    {
        _app = new KestrelWebMailFactory().WithSso(_provider, prompt).WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        _app.StartServer();
        return _app;
    }

    private static async Task<(string Sid, OidcTokens Tokens)> OnlySignInAsync(KestrelWebMailFactory app, string user)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebMailDbContext>>().CreateDbContextAsync();
        var id = await db.SignIns.Where(s => s.UserName == user).Select(s => s.Id).SingleAsync();
        return (id, (await app.Services.GetRequiredService<SignInStore>().FindOidcAsync(id))!.Value.Tokens);
    }

    private static string? Claim(string jwt, string name)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.Split('.')[1]));
        return payload.RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;
    }
}
