using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.Account;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Account;

/// <summary>
/// The identity provider goes away (its port refuses connections, or its proxy answers 503) while people are
/// signed in: nobody is signed out, every page says so, retries back off whatever the number of tabs, and the
/// first successful refresh clears it. The provider is the real dev provider behind a relay the test can cut.
/// </summary>
public sealed class SsoProviderOutageTests : IAsyncLifetime
{
    private readonly DevIdentityProviderHost _provider = new(TimeSpan.FromMinutes(5));
    private readonly ShiftedClock _clock = new();
    private TcpRelay _relay = default!;
    private KestrelWebMailFactory _app = default!;

    private OidcTokenRefresher Refresher => _app.Services.GetRequiredService<OidcTokenRefresher>();

    private SignInHealth Health => _app.Services.GetRequiredService<SignInHealth>();

    public Task InitializeAsync()
    {
        var provider = new Uri(_provider.BaseAddress);
        _relay = new TcpRelay(provider.Host, provider.Port);
        _app = new KestrelWebMailFactory().WithSso(_provider, authority: _relay.HttpAddress + "/").WithServices(s => s.AddSingleton<TimeProvider>(_clock));
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
    public async Task Refresh_ProviderRefusesConnections_StaysSignedInNoticeOnEveryPageBackoffThenClears()
    {
        var user = MailStack.NewUser("outage");
        using var browser = new SsoHttpBrowser(_app.BaseAddress);
        await browser.SignInAsync(user);
        var (sid, before) = await OnlySignInAsync(user);
        var statuses = new List<SignInStatus>();
        using var subscription = Health.Subscribe(sid, s =>
        {
            statuses.Add(s);
            return Task.CompletedTask;
        });

        await _relay.StopAsync();
        _clock.Freeze();
        _clock.Shift = TimeSpan.FromMinutes(4.5);
        var requests = Refresher.RefreshCount;
        var fiveTabs = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Refresher.GetTokenAsync(sid)));

        Assert.All(fiveTabs, r => Assert.Equal(new AccessTokenResult(AccessTokenState.ProviderUnreachable, before.AccessToken), r));
        Assert.Equal(requests + 1, Refresher.RefreshCount);
        Assert.True(await _app.Services.GetRequiredService<SignInStore>().IsActiveAsync(sid));
        Assert.Equal([true], statuses.Select(s => s.ProviderUnreachable));
        foreach (var path in new[] { "/", "/settings/identities" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(path, browser.Location!.AbsolutePath);
            Assert.Contains(SignInHealth.ProviderUnreachableSentence, WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        }

        // Backoff: nothing is sent before 2 s have passed, then 4 s, whoever asks.
        _clock.Shift += TimeSpan.FromSeconds(1.5);
        await Refresher.GetTokenAsync(sid);
        Assert.Equal(requests + 1, Refresher.RefreshCount);
        _clock.Shift += TimeSpan.FromSeconds(1);
        await Refresher.GetTokenAsync(sid);
        _clock.Shift += TimeSpan.FromSeconds(3);
        await Refresher.GetTokenAsync(sid);
        Assert.Equal(requests + 2, Refresher.RefreshCount);

        _relay.Start();
        _clock.Shift += TimeSpan.FromSeconds(1.5);
        var back = await Refresher.GetTokenAsync(sid);

        Assert.Equal(AccessTokenState.Valid, back.State);
        Assert.NotEqual(before.AccessToken, back.AccessToken);
        Assert.Equal([true, false], statuses.Select(s => s.ProviderUnreachable));
        Assert.DoesNotContain(SignInHealth.ProviderUnreachableSentence, WebUtility.HtmlDecode(await browser.GetAsync("/")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_Provider503AfterExpiry_MailLayerToldWhyButNobodySignedOut()
    {
        var user = MailStack.NewUser("outage");
        using var browser = new SsoHttpBrowser(_app.BaseAddress);
        await browser.SignInAsync(user);
        var (sid, _) = await OnlySignInAsync(user);
        var pool = _app.Services.GetRequiredService<ImapSessionPool>();

        _relay.Mode = RelayMode.ServiceUnavailable;
        _clock.Freeze();
        _clock.Shift = TimeSpan.FromMinutes(6);
        var expired = await Refresher.GetTokenAsync(sid);
        await MailStack.DoveadmAsync("kick", user);
        using var lease = pool.Lease(user);
        var relogin = await Assert.ThrowsAsync<MailUnavailableException>(() => lease.Session.Folders.GetFoldersAsync());
        var page = await browser.GetAsync("/");

        Assert.Equal(new AccessTokenResult(AccessTokenState.ProviderUnreachable, null), expired);
        Assert.Equal(OidcTokenRefresher.ExpiredWhileUnreachableSentence, relogin.Message);
        Assert.Equal("/", browser.Location!.AbsolutePath);
        Assert.Contains(SignInHealth.ProviderUnreachableSentence, WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        // The provider answers again: the next attempt after the backoff refreshes, and mail logs in with it.
        _relay.Mode = RelayMode.Forward;
        _clock.Shift += TimeSpan.FromSeconds(3);
        Assert.Contains(await lease.Session.Folders.GetFoldersAsync(), f => f.Path == "INBOX");
        Assert.False(Health.Get(sid).ProviderUnreachable);
    }

    private async Task<(string Sid, OidcTokens Tokens)> OnlySignInAsync(string user)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<WebMailDbContext>>().CreateDbContextAsync();
        var id = await db.SignIns.Where(s => s.UserName == user).Select(s => s.Id).SingleAsync();
        return (id, (await _app.Services.GetRequiredService<SignInStore>().FindOidcAsync(id))!.Value.Tokens);
    }
}
