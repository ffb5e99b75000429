using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.Account;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Account;

/// <summary>The server-side token store behind SSO, against the real dev provider and the real Dovecot.</summary>
public sealed class SsoTokenStoreTests : IAsyncLifetime
{
    private readonly DevIdentityProviderHost _provider = new(TimeSpan.FromMinutes(5));
    private readonly ShiftedClock _clock = new();
    private KestrelWebMailFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new KestrelWebMailFactory().WithSso(_provider).WithServices(s => s.AddSingleton<TimeProvider>(_clock));
        _app.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task SsoSignIn_TokensLiveOnServerOnlyEncrypted()
    {
        var user = MailStack.NewUser("sso");
        using var browser = new SsoHttpBrowser(_app.BaseAddress);

        var inbox = await browser.SignInAsync(user);

        Assert.Equal("/", browser.Location!.AbsolutePath);
        Assert.Contains("data-render-mode=\"static\"", inbox, StringComparison.Ordinal);
        var (record, tokens) = await OnlySignInAsync(user);
        Assert.NotNull(tokens.RefreshToken);
        await using var db = await Databases.CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        var file = await File.ReadAllBytesAsync(Path.Combine(_app.DataDirectory, "webmail.db"));
        Assert.Equal(-1, IndexOf(file, tokens.AccessToken));
        Assert.Equal(-1, IndexOf(file, tokens.RefreshToken));
        Assert.Equal(-1, IndexOf(record.ProtectedTokens, tokens.AccessToken));
    }

    [Fact]
    public async Task GetAccessToken_NearExpiry_TwoTabsAtOnceMakeOneRefresh()
    {
        var user = MailStack.NewUser("sso");
        using var browser = new SsoHttpBrowser(_app.BaseAddress);
        await browser.SignInAsync(user);
        var (record, before) = await OnlySignInAsync(user);
        var refresher = _app.Services.GetRequiredService<OidcTokenRefresher>();
        var refreshes = refresher.RefreshCount;
        Assert.Equal(before.AccessToken, await refresher.GetAccessTokenAsync(record.Id));
        Assert.Equal(refreshes, refresher.RefreshCount);

        _clock.Shift = TimeSpan.FromMinutes(4.5);
        var tokens = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => refresher.GetAccessTokenAsync(record.Id)));

        Assert.Equal(refreshes + 1, refresher.RefreshCount);
        Assert.All(tokens, t => Assert.Equal(tokens[0], t));
        Assert.NotEqual(before.AccessToken, tokens[0]);
        using var lease = _app.Services.GetRequiredService<WebMail.Mail.Sessions.ImapSessionPool>().Lease(user);
        await MailStack.DoveadmAsync("kick", user);
        Assert.Contains(await lease.Session.Folders.GetFoldersAsync(), f => f.Path == "INBOX");
    }

    [Fact]
    public async Task Refresh_RevokedAtProvider_SignsOutWithSentenceSayingWhy()
    {
        var user = MailStack.NewUser("sso");
        using var browser = new SsoHttpBrowser(_app.BaseAddress);
        await browser.SignInAsync(user);
        var (record, _) = await OnlySignInAsync(user);

        await _provider.RevokeUserAsync(user);
        _clock.Shift = TimeSpan.FromMinutes(4.5);
        var token = await _app.Services.GetRequiredService<OidcTokenRefresher>().GetAccessTokenAsync(record.Id);
        Assert.False(await _app.Services.GetRequiredService<SignInStore>().IsActiveAsync(record.Id));
        var page = await browser.GetAsync("/");

        Assert.Null(token);
        Assert.True(browser.Location!.AbsolutePath == "/account/login", browser.Location + "\n" + page[..Math.Min(3000, page.Length)]);
        Assert.Contains("Your sign-in at your identity provider has ended", page, StringComparison.Ordinal);
        await using var db = await Databases.CreateDbContextAsync();
        Assert.False(await db.SignIns.AnyAsync(s => s.UserName == user));
    }

    [Fact]
    public async Task SsoSignIn_AccountWithoutMailbox_ClearErrorPageAndNoSession()
    {
        using var browser = new SsoHttpBrowser(_app.BaseAddress);

        var page = await browser.SignInAsync("ghost@example.test", "ghost-demo");

        Assert.Equal("/account/problem", browser.Location!.AbsolutePath);
        Assert.Contains("has no mailbox for that account", page, StringComparison.Ordinal);

        // Still no session: asking for the inbox goes through the provider again and ends on the same page.
        await browser.GetAsync("/");
        Assert.Equal("/account/problem", browser.Location.AbsolutePath);
    }

    [Fact]
    public async Task SignOut_Sso_EndsProviderSessionSoTheNextSignInAsksAgain()
    {
        var user = MailStack.NewUser("sso");
        using var browser = new SsoHttpBrowser(_app.BaseAddress);
        await browser.SignInAsync(user);

        var afterSignOut = await browser.SignOutAsync();

        Assert.Contains("You have been signed out.", afterSignOut, StringComparison.Ordinal);
        Assert.Equal(0, await MailStack.ServerConnectionCountAsync(user));
        await browser.GetAsync("account/sso");
        Assert.True(browser.OnProviderSignInPage, "the provider should ask again after RP-initiated sign-out");
    }

    [Fact]
    public async Task AppRestart_SsoSignInKeepsWorking()
    {
        var user = MailStack.NewUser("sso");
        using var browser = new SsoHttpBrowser(_app.BaseAddress);
        await browser.SignInAsync(user);
        var dataDirectory = _app.DataDirectory;
        await _app.DisposeAsync();

        _app = new KestrelWebMailFactory(dataDirectory: dataDirectory).WithSso(_provider);
        _app.StartServer();
        using var again = browser.At(_app.BaseAddress);
        var page = await again.GetAsync("/");

        Assert.Equal("/", again.Location!.AbsolutePath);
        Assert.Contains("data-render-mode=\"static\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(again.Visited, url => url.StartsWith(_provider.Authority, StringComparison.Ordinal));
        await using var db = await Databases.CreateDbContextAsync();
        Assert.Equal(1, await db.SignIns.CountAsync(s => s.UserName == user));
    }

    [Theory]
    [InlineData("Auto", "OAUTHBEARER")]
    [InlineData("XOAuth2", "XOAUTH2")]
    public async Task SsoSignIn_ImapLogsInWithTheConfiguredTokenMechanism(string setting, string expected)
    {
        await _app.DisposeAsync();
        _app = new KestrelWebMailFactory().WithSso(_provider).With("WebMail:Imap:OAuthMechanism", setting);
        _app.StartServer();
        var user = MailStack.NewUser("mech");
        using var browser = new SsoHttpBrowser(_app.BaseAddress);

        await browser.SignInAsync(user);

        Assert.Equal([expected], MailStack.LoggedLoginMechanisms(user));
    }

    [Fact]
    public async Task LoginPage_SsoOnly_GoesStraightToProvider()
    {
        using var browser = new SsoHttpBrowser(_app.BaseAddress);

        await browser.GetAsync("/");

        Assert.True(browser.OnProviderSignInPage);
    }

    private IDbContextFactory<WebMailDbContext> Databases => _app.Services.GetRequiredService<IDbContextFactory<WebMailDbContext>>();

    private async Task<(SignInRecord Record, OidcTokens Tokens)> OnlySignInAsync(string user)
    {
        await using var db = await Databases.CreateDbContextAsync();
        var id = await db.SignIns.Where(s => s.UserName == user).Select(s => s.Id).SingleAsync();
        return (await _app.Services.GetRequiredService<SignInStore>().FindOidcAsync(id))!.Value;
    }

    private static int IndexOf(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle));
}
