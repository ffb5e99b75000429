using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Testing;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Account;

/// <summary>The sign-in throttle's table under a guessing attack over many accounts: rows that are over go away.</summary>
public sealed class SignInThrottleSweepTests
{
    [Fact]
    public async Task GuessingOverManyAccounts_AfterTheWindow_RowsAreDeletedButARunningLockStays()
    {
        var clock = new ShiftedClock();
        clock.Freeze();
        using var factory = new WebMailFactory()
            .With("WebMail:SignIn:Throttle:DelayStepMilliseconds", "0")
            .With("WebMail:SignIn:Throttle:FreeAttempts", "2")
            .With("WebMail:SignIn:Throttle:WindowMinutes", "15")
            .With("WebMail:SignIn:Throttle:LockMinutes", "30");
        using var app = factory.WithClientAddresses(clock);

        // One wrong guess each for 20 made-up accounts from 20 addresses: 40 rows (pair + account-wide).
        for (var i = 1; i <= 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await WebMailFactory.PostLoginAsync(app.BrowserFrom($"198.51.100.{i}"), $"guess-{i}-{Guid.NewGuid():N}@example.test", "wrong")).StatusCode);
        }

        // And one address locked out of a real account (its lock outlives the window).
        var user = MailStack.NewUser();
        var attacker = app.BrowserFrom("203.0.113.66");
        await WebMailFactory.PostLoginAsync(attacker, user, "guess-a");
        await WebMailFactory.PostLoginAsync(attacker, user, "guess-b");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WebMailFactory.PostLoginAsync(attacker, user, "guess-c")).StatusCode);
        Assert.Equal(42, await CountRowsAsync(app.Services));

        clock.Shift = TimeSpan.FromMinutes(16);
        Assert.Equal(HttpStatusCode.OK, (await WebMailFactory.PostLoginAsync(app.BrowserFrom("192.0.2.77"), $"late-{Guid.NewGuid():N}@example.test", "wrong")).StatusCode);

        // Left: the locked pair (its account-wide row was not locked and is over) and the late guess's two rows; the lock holds.
        Assert.Equal(3, await CountRowsAsync(app.Services));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await WebMailFactory.PostLoginAsync(attacker, user, MailStack.TestPassword)).StatusCode);

        clock.Shift = TimeSpan.FromMinutes(31);
        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(app.BrowserFrom("192.0.2.78"), user, MailStack.TestPassword)).StatusCode);
        Assert.Equal(0, await CountRowsAsync(app.Services, client: "203.0.113.66"));
    }

    private static async Task<int> CountRowsAsync(IServiceProvider services, string? client = null)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<WebMailDbContext>>().CreateDbContextAsync();
        return client is null ? await db.SignInFailures.CountAsync() : await db.SignInFailures.CountAsync(f => f.Client == client);
    }
}
