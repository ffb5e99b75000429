using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Account;
using WebMail.Web.Tests.Account;
using WebMail.Web.Unsubscribe;

namespace WebMail.Web.Tests.Cluster;

/// <summary>Short-lived coordination in Redis between two instances: one OIDC refresh at a time, shared counts.</summary>
public sealed class ClusterCoordinationTests(ClusterInstances cluster) : IClassFixture<ClusterInstances>
{
    [Fact]
    public async Task Refresh_BothInstancesAtOnce_OneRefreshAtTheProviderAndBothUseItsTokens()
    {
        var user = MailStack.NewUser("lock");
        using var browser = new SsoHttpBrowser(cluster.A.BaseAddress);
        await browser.SignInAsync(user);
        var storeA = cluster.A.Services.GetRequiredService<SignInStore>();
        var sid = Assert.Single(await storeA.ListAsync(user)).Id;
        var before = (await storeA.FindOidcAsync(sid))!.Value.Tokens;
        var refreshers = new[] { cluster.A, cluster.B }.Select(i => i.Services.GetRequiredService<OidcTokenRefresher>()).ToArray();
        var sent = refreshers.Sum(r => r.RefreshCount);

        cluster.Clock.Shift = TimeSpan.FromMinutes(4.5); // within the refresh margin on both instances
        try
        {
            var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => refreshers[i % 2].GetTokenAsync(sid))));

            // The provider saw one refresh-token use (each request is one), and every caller on both instances got its result.
            Assert.Equal(sent + 1, refreshers.Sum(r => r.RefreshCount));
            Assert.All(results, r => Assert.Equal(AccessTokenState.Valid, r.State));
            var token = Assert.Single(results.Select(r => r.AccessToken).Distinct());
            Assert.NotEqual(before.AccessToken, token);
            Assert.Equal(token, (await cluster.B.Services.GetRequiredService<SignInStore>().FindOidcAsync(sid))!.Value.Tokens.AccessToken);

            // The rotated refresh token still works: the next refresh (from B) is accepted, and the mail server takes the token.
            cluster.Clock.Shift = TimeSpan.FromMinutes(9.5);
            var next = await refreshers[1].GetTokenAsync(sid);
            Assert.Equal(AccessTokenState.Valid, next.State);
            Assert.Equal(sent + 2, refreshers.Sum(r => r.RefreshCount));
            using var lease = cluster.B.Services.GetRequiredService<ImapSessionPool>().Lease(user);
            Assert.Contains(await lease.Session.Folders.GetFoldersAsync(), f => f.Path == "INBOX");
        }
        finally
        {
            cluster.Clock.Shift = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task UnsubscribeAllowance_SharedByTheInstances_NoMoreAttemptsWithTwo()
    {
        // WebMail:Unsubscribe:MaxPerUserPerHour is 3 in this cluster.
        var user = MailStack.NewUser("count");
        var a = cluster.A.Services.GetRequiredService<UnsubscribeLimiter>();
        var b = cluster.B.Services.GetRequiredService<UnsubscribeLimiter>();

        Assert.True(await a.TryTakeAsync(user));
        Assert.True(await b.TryTakeAsync(user));
        Assert.True(await a.TryTakeAsync(user.ToUpperInvariant()));
        Assert.False(await b.TryTakeAsync(user));
        Assert.False(await a.TryTakeAsync(user));
        Assert.True(await b.TryTakeAsync(MailStack.NewUser("count")));
    }
}
