using System.Net;
using WebMail.Testing;

namespace WebMail.Web.Tests.Account;

/// <summary>Password guessing through the real sign-in form, against the real Dovecot, each browser with its own address.</summary>
public sealed class SignInThrottleTests
{
    private const string Attacker = "198.51.100.66";
    private const string Owner = "192.0.2.10";
    private const string PairLocked = "Too many failed sign-ins for this account from your address. Try again in 15 minutes.";

    [Fact]
    public async Task SignIn_EleventhWrongPasswordFromOneAddress_429WithRetryAfter_WhileAnotherAddressSignsIn()
    {
        using var factory = Factory();
        using var app = factory.WithClientAddresses();
        var user = MailStack.NewUser();
        var attacker = app.BrowserFrom(Attacker);

        for (var i = 1; i <= 10; i++)
        {
            var refused = await WebMailFactory.PostLoginAsync(attacker, user, $"guess-{i}");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("The user name or password is incorrect.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var eleventh = await WebMailFactory.PostLoginAsync(attacker, user, "guess-11");
        var html = await eleventh.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.InRange(eleventh.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 14 * 60, 15 * 60);
        Assert.Contains(PairLocked, html, StringComparison.Ordinal);
        Assert.Contains("<form", html, StringComparison.Ordinal);

        // Even the right password stays locked out from the guessing address...
        var rightFromAttacker = await WebMailFactory.PostLoginAsync(attacker, user, MailStack.TestPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightFromAttacker.StatusCode);
        Assert.DoesNotContain("webmail.auth=", rightFromAttacker.Headers.ToString(), StringComparison.Ordinal);

        // ...while the owner, elsewhere, signs in and reads mail.
        var owner = app.BrowserFrom(Owner);
        var signedIn = await WebMailFactory.PostLoginAsync(owner, user, MailStack.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignIn_AfterTheLockEnds_RightPasswordWorksAndCountingStartsAgain()
    {
        var clock = new ShiftedClock();
        clock.Freeze();
        using var factory = Factory().With("WebMail:SignIn:Throttle:FreeAttempts", "3").With("WebMail:SignIn:Throttle:LockMinutes", "5");
        using var app = factory.WithClientAddresses(clock);
        var user = MailStack.NewUser();
        var browser = app.BrowserFrom(Attacker);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await WebMailFactory.PostLoginAsync(browser, user, $"guess-{i}")).StatusCode);
        }

        var locked = await WebMailFactory.PostLoginAsync(browser, user, MailStack.TestPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Try again in 5 minutes.", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        clock.Shift = TimeSpan.FromMinutes(2);
        var stillLocked = await WebMailFactory.PostLoginAsync(browser, user, MailStack.TestPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLocked.StatusCode);
        Assert.Contains("Try again in 3 minutes.", await stillLocked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        clock.Shift = TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1);
        Assert.Equal(HttpStatusCode.OK, (await WebMailFactory.PostLoginAsync(browser, user, "guess-after-lock")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(app.BrowserFrom(Attacker), user, MailStack.TestPassword)).StatusCode);
    }

    [Fact]
    public async Task SignIn_RightPassword_ClearsThatAddressesFailures()
    {
        using var factory = Factory().With("WebMail:SignIn:Throttle:FreeAttempts", "3");
        using var app = factory.WithClientAddresses();
        var user = MailStack.NewUser();

        await WebMailFactory.PostLoginAsync(app.BrowserFrom(Owner), user, "typo-1");
        await WebMailFactory.PostLoginAsync(app.BrowserFrom(Owner), user, "typo-2");
        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(app.BrowserFrom(Owner), user, MailStack.TestPassword)).StatusCode);
        var later = app.BrowserFrom(Owner);
        await WebMailFactory.PostLoginAsync(later, user, "typo-3");
        await WebMailFactory.PostLoginAsync(later, user, "typo-4");

        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(later, user, MailStack.TestPassword)).StatusCode);
    }

    [Fact]
    public async Task SignIn_AccountCeilingFromManyAddresses_LocksTheAccountEverywhere()
    {
        using var factory = Factory().With("WebMail:SignIn:Throttle:AccountCeiling", "6");
        using var app = factory.WithClientAddresses();
        var user = MailStack.NewUser();
        var other = MailStack.NewUser();
        for (var i = 1; i <= 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await WebMailFactory.PostLoginAsync(app.BrowserFrom($"203.0.113.{i}"), user, $"guess-{i}")).StatusCode);
        }

        var owner = await WebMailFactory.PostLoginAsync(app.BrowserFrom(Owner), user, MailStack.TestPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, owner.StatusCode);
        Assert.NotNull(owner.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many failed sign-ins for this account. Try again in 15 minutes.", await owner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(app.BrowserFrom(Attacker), other, MailStack.TestPassword)).StatusCode);
    }

    [Fact]
    public async Task SignIn_LockedAddressKeepsKnocking_DoesNotLockTheOwnerOutElsewhere()
    {
        using var factory = Factory().With("WebMail:SignIn:Throttle:FreeAttempts", "2").With("WebMail:SignIn:Throttle:AccountCeiling", "5");
        using var app = factory.WithClientAddresses();
        var user = MailStack.NewUser();
        var attacker = app.BrowserFrom(Attacker);
        for (var i = 1; i <= 12; i++)
        {
            await WebMailFactory.PostLoginAsync(attacker, user, $"guess-{i}");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await WebMailFactory.PostLoginAsync(attacker, user, "guess-13")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(app.BrowserFrom(Owner), user, MailStack.TestPassword)).StatusCode);
    }

    [Fact]
    public async Task SignIn_ParallelGuessesFromOneAddress_OnlyFreeAttemptsReachTheServer()
    {
        using var factory = Factory().With("WebMail:SignIn:Throttle:FreeAttempts", "5");
        using var app = factory.WithClientAddresses();
        var user = MailStack.NewUser();
        var attacker = app.BrowserFrom(Attacker);
        var token = await WebMailFactory.AntiforgeryTokenAsync(attacker, "/account/login");

        var responses = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => attacker.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.UserName"] = user,
            ["Input.Password"] = $"guess-{i}",
        }))));

        // Each guess took a number: exactly the first five reached the server (wrong password, the form again), the
        // other fifteen were refused, also when one of those locked the pair while an admitted guess was still counting.
        var codes = string.Join(", ", responses.GroupBy(r => r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()}× {(int)g.Key}"));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) == 5, codes);
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests) == 15, codes);
    }

    [Fact]
    public async Task SignIn_MailServerDown_FailuresAreNotHeldAgainstTheUser()
    {
        using var factory = Factory().With("WebMail:Imap:Port", "1").With("WebMail:SignIn:Throttle:FreeAttempts", "2");
        using var app = factory.WithClientAddresses();
        var user = MailStack.NewUser();
        var browser = app.BrowserFrom(Owner);

        for (var i = 0; i < 4; i++)
        {
            var response = await WebMailFactory.PostLoginAsync(browser, user, MailStack.TestPassword);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("cannot be reached", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static WebMailFactory Factory() => new WebMailFactory().With("WebMail:SignIn:Throttle:DelayStepMilliseconds", "10");
}
