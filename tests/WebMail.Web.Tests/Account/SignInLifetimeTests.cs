using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Credentials;
using WebMail.Testing;
using WebMail.Web.Account;

namespace WebMail.Web.Tests.Account;

/// <summary>Sign-ins end after their idle timeout or absolute lifetime, and the sign-in page says which; WebMail's clock is moved, not waited for.</summary>
public sealed class SignInLifetimeTests : IDisposable
{
    private const string ChromeOnLinux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private readonly ShiftedClock _clock = new();
    private readonly WebMailFactory _factory = new();
    private WebApplicationFactory<Program>? _app;

    public SignInLifetimeTests() => _clock.Freeze();

    private WebApplicationFactory<Program> App => _app ??= _factory.WithClientAddresses(_clock);

    [Fact]
    public async Task Request_After12IdleHours_SignedOutWithTheIdleSentence()
    {
        var user = MailStack.NewUser("idle");
        var browser = await SignInAsync(user);

        // Every request is activity: 22 hours in, with a request every 11, the sign-in lives.
        _clock.Shift += TimeSpan.FromHours(11);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/devices")).StatusCode);
        _clock.Shift += TimeSpan.FromHours(11);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/devices")).StatusCode);

        _clock.Shift += TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1);
        var response = await browser.GetAsync("/settings/devices");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("ended=idle", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("You were signed out after 12 hours without activity.", await browser.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        Assert.Equal((null, null), await Store.LatestForUserAsync(user));
    }

    [Fact]
    public async Task Request_PastAbsoluteLifetime_SignedOutDespiteActivityWithTheLifetimeSentence()
    {
        _factory.With("WebMail:SignIn:IdleTimeout", "01:00:00").With("WebMail:SignIn:AbsoluteLifetime", "02:00:00");
        var browser = await SignInAsync(MailStack.NewUser("life"));

        _clock.Shift += TimeSpan.FromMinutes(50);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/devices")).StatusCode);
        _clock.Shift += TimeSpan.FromMinutes(50);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/settings/devices")).StatusCode);
        _clock.Shift += TimeSpan.FromMinutes(25);
        var response = await browser.GetAsync("/settings/devices");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("You were signed out after 2 hours; please sign in again.", await browser.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_AbandonedSignIn_EndedItsCredentialUnusableAndItsImapConnectionClosed()
    {
        var user = MailStack.NewUser("sweep");
        await SignInAsync(user);
        var signIn = Assert.Single(await Store.ListAsync(user)).Id;
        Assert.NotEqual((null, null), await Store.LatestForUserAsync(user));
        Assert.Equal(1, await MailStack.ServerConnectionCountAsync(user));

        _clock.Shift += TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1);
        var ended = await Store.EndExpiredAsync();

        Assert.True(ended >= 1);
        Assert.Equal((null, null), await Store.LatestForUserAsync(user));
        Assert.Equal(SignInEndReason.Idle, Store.TakeEndReason(signIn));
        Assert.Equal(0, await ConnectionsOnceClosedAsync(user));
    }

    [Fact]
    public async Task EndOwn_AnotherUsersSignIn_RefusedAndItStaysSignedIn()
    {
        var alice = MailStack.NewUser("alice");
        var bob = MailStack.NewUser("bob");
        var aliceBrowser = await SignInAsync(alice);
        await SignInAsync(bob);
        var aliceSignIn = Assert.Single(await Store.ListAsync(alice)).Id;

        Assert.False(await Store.EndOwnAsync(bob, aliceSignIn, SignInEndReason.EndedElsewhere));
        Assert.Equal(HttpStatusCode.OK, (await aliceBrowser.GetAsync("/settings/devices")).StatusCode);

        // Alice herself can, and her browser is told why.
        Assert.True(await Store.EndOwnAsync(alice, aliceSignIn, SignInEndReason.EndedElsewhere));
        var response = await aliceBrowser.GetAsync("/settings/devices");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(SignInEndReason.EndedElsewhereSentence, await aliceBrowser.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FromChromeOnLinux_ListedWithBrowserAddressAndTimes()
    {
        var user = MailStack.NewUser("dev");
        var browser = await SignInAsync(user, "198.51.100.23");
        var signedInAt = _clock.GetUtcNow();
        _clock.Shift += TimeSpan.FromMinutes(5);
        await browser.GetAsync("/settings/devices");

        var device = Assert.Single(await Store.ListAsync(user));

        Assert.Equal("Chrome 131 on Linux", device.Browser);
        Assert.Equal("198.51.100.23", device.ClientAddress);
        Assert.Equal(signedInAt, device.SignedInAt);
        Assert.Equal(signedInAt + TimeSpan.FromMinutes(5), device.LastSeen);
        var page = await browser.GetStringAsync("/settings/devices");
        Assert.Contains("Chrome 131 on Linux", page, StringComparison.Ordinal);
        Assert.Contains("This device", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WebMail__SignIn__IdleTimeout", "00:01:00", "WebMail:SignIn:IdleTimeout must be at least 5 minutes")]
    [InlineData("WebMail__SignIn__AbsoluteLifetime", "06:00:00", "WebMail:SignIn:AbsoluteLifetime must be at least 5 minutes and not shorter than WebMail:SignIn:IdleTimeout")]
    public async Task Start_LifetimeTooShort_ExitsNamingTheSetting(string variable, string value, string sentence)
    {
        var (exitCode, lastLine) = await Hosting.StartupValidationTests.RunWebMailAsync(new() { [variable] = value });

        Assert.NotEqual(0, exitCode);
        Assert.Contains(sentence, lastLine, StringComparison.Ordinal);
    }

    private SignInStore Store => App.Services.GetRequiredService<SignInStore>();

    private async Task<HttpClient> SignInAsync(string user, string address = "192.0.2.10")
    {
        var browser = App.BrowserFrom(address);
        browser.DefaultRequestHeaders.UserAgent.ParseAdd(ChromeOnLinux);
        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(browser, user, MailStack.TestPassword)).StatusCode);
        return browser;
    }

    /// <summary>Dovecot's count of the user's connections, once it has seen the logout (or after 15 s).</summary>
    private static async Task<int> ConnectionsOnceClosedAsync(string user)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; await Task.Delay(100))
        {
            var count = await MailStack.ServerConnectionCountAsync(user);
            if (count == 0 || DateTime.UtcNow > deadline)
            {
                return count;
            }
        }
    }

    public void Dispose()
    {
        _app?.Dispose();
        _factory.Dispose();
    }
}
