using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WebMail.Web.Unsubscribe;

namespace WebMail.Web.Tests.Unsubscribe;

/// <summary>The per-user hourly allowance of unsubscribes.</summary>
public sealed class UnsubscribeLimiterTests
{
    [Fact]
    public void TryTake_PastTheHourlyAllowance_RefusedForThatUserOnlyUntilTheHourHasPassed()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var limiter = new UnsubscribeLimiter(Options.Create(new UnsubscribeOptions { MaxPerUserPerHour = 2 }), time);

        Assert.True(limiter.TryTake("ann@example.com"));
        time.Advance(TimeSpan.FromMinutes(30));
        Assert.True(limiter.TryTake("ann@example.com"));
        Assert.False(limiter.TryTake("ANN@example.com"));
        Assert.True(limiter.TryTake("bob@example.com"));

        time.Advance(TimeSpan.FromMinutes(30)); // the first one is an hour old
        Assert.True(limiter.TryTake("ann@example.com"));
        Assert.False(limiter.TryTake("ann@example.com"));
    }
}
