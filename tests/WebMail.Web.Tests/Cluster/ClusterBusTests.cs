using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MailKit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Account;
using WebMail.Web.Data;
using WebMail.Web.Mail;
using WebMail.Web.Tests.Account;
using WebMail.Web.Tests.Mail;
using Xunit.Abstractions;

namespace WebMail.Web.Tests.Cluster;

/// <summary>
/// Two instances sharing PostgreSQL and Redis: Dovecot's push landing on the instance that does not hold the user's
/// session, a sign-out on one instance, a settings change on one instance — each reaches the user on the other.
/// </summary>
public sealed class ClusterBusTests(ClusterInstances cluster, ITestOutputHelper output) : IClassFixture<ClusterInstances>
{
    private const int Rounds = 20;

    [Fact]
    public async Task Push_LandingOnTheOtherInstance_IsRoutedAndPokesTheSessionThatHoldsTheUser()
    {
        var user = MailStack.NewUser("bus");
        await ClusterInstances.PasswordSignInAsync(cluster.A.BaseAddress, user);
        using var lease = cluster.A.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        var arrived = new Dictionary<string, long>();
        using var subscription = lease.Session.View.Subscribe(change =>
        {
            lock (arrived)
            {
                foreach (var row in change.NewMessages)
                {
                    arrived.TryAdd(row.Subject ?? "", Stopwatch.GetTimestamp());
                }
            }
        });
        lease.Session.StartWatching();
        await lease.Session.View.GetFoldersAsync();
        await lease.Session.View.GetPageAsync("INBOX", 0, 20);
        using var countsA = new PushCounts(cluster.A.Services);
        using var countsB = new PushCounts(cluster.B.Services);
        using var appender = await MailStack.ConnectAsync(user);
        var direct = new List<double>();
        var routed = new List<double>();

        // Two warm-up pushes first (one per path: first requests, JIT), then alternating, so both paths see the same
        // load: Dovecot's request on A (which holds the session) or on B.
        for (var i = -2; i < 2 * Rounds; i++)
        {
            var viaB = (i + 2) % 2 == 1;
            var subject = $"Routed {i:D2}";
            var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Push probe." } };
            message.From.Add(new MailboxAddress("Probe", "probe@example.org"));
            await appender.Inbox.AppendAsync(message);
            var sent = Stopwatch.GetTimestamp();
            var response = await ClusterInstances.PushAsync(viaB ? cluster.B.BaseAddress : cluster.A.BaseAddress, user);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            await ClusterInstances.UntilAsync(() => { lock (arrived) { return arrived.ContainsKey(subject); } }, $"{subject} reached the session on A");
            long at;
            lock (arrived)
            {
                at = arrived[subject];
            }

            if (i >= 0)
            {
                (viaB ? routed : direct).Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
            }
        }

        Assert.Equal(Enumerable.Repeat("accepted/poked", Rounds + 1), countsA.Results.Where(r => r.StartsWith("accepted", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Repeat("routed/poked", Rounds + 1), countsA.Results.Where(r => r.StartsWith("routed", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Repeat("accepted/routed", Rounds + 1), countsB.Results);
        var (directP50, directP99) = (Percentile(direct, .5), Percentile(direct, .99));
        var (routedP50, routedP99) = (Percentile(routed, .5), Percentile(routed, .99));
        output.WriteLine($"push → new row in A's mailbox view, {Rounds} each: direct (request on A) p50 {ClusterInstances.Ms(directP50)} ms p99 {ClusterInstances.Ms(directP99)} ms; " +
            $"routed (request on B, over Redis) p50 {ClusterInstances.Ms(routedP50)} ms p99 {ClusterInstances.Ms(routedP99)} ms");

        // The times are reported, not asserted: on a busy machine any bound here fails at random. The ratio target is
        // met in the benchmark (deploy/benchmark.sh cluster), measured against the single-instance path in the same run;
        // what this test holds is that every push on B was routed to A and poked the session there.
    }

    [Fact]
    public async Task SignOut_OnOneInstance_EndsTheSignInOnTheOther_TabsSessionAndCookie()
    {
        var user = MailStack.NewUser("bus");
        using var onA = new SsoHttpBrowser(cluster.A.BaseAddress);
        await onA.SignInAsync(user);
        using var onB = onA.At(cluster.B.BaseAddress);
        await onB.GetAsync("/");
        Assert.Equal("/", onB.Location!.AbsolutePath);
        var sid = Assert.Single(await cluster.B.Services.GetRequiredService<SignInStore>().ListAsync(user)).Id;

        // On B: a tab of that sign-in (its circuit's auth state) and the user's IMAP session.
        using var scope = cluster.B.Services.CreateScope();
        var tab = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var tabSignedOut = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        tab.AuthenticationStateChanged += async state => tabSignedOut.TrySetResult((await state).User.Identity?.IsAuthenticated != true);
        ((IHostEnvironmentAuthenticationStateProvider)tab).SetAuthenticationState(Task.FromResult(new AuthenticationState(AccountExtensions.CreatePrincipal(user, sid, "oidc"))));
        Assert.False(await tabSignedOut.Task);
        tabSignedOut = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var poolB = cluster.B.Services.GetRequiredService<ImapSessionPool>();
        using (var lease = poolB.Lease(user))
        {
            Assert.Contains(await lease.Session.Folders.GetFoldersAsync(), f => f.Path == "INBOX");
        }

        Assert.True(poolB.Poke(user), "B holds the user's session");

        // The user signs out in a tab served by A.
        await onA.SignOutAsync();

        Assert.True(await tabSignedOut.Task.WaitAsync(TimeSpan.FromSeconds(20)), "B's tab left the sign-in");
        await ClusterInstances.UntilAsync(() => !poolB.Poke(user), "B closed the user's IMAP session (it was their last sign-in)");
        await onB.GetAsync("/");
        Assert.Equal("/account/login", onB.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SettingsChange_OnOneInstance_RaisesChangedOnTheOther_WhichReadsTheNewValue()
    {
        var user = MailStack.NewUser("bus");
        var storeB = cluster.B.Services.GetRequiredService<OrganizeSettingsStore>();
        var changedOnB = new TaskCompletionSource<OrganizeSettings>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(string who)
        {
            if (who == user)
            {
                // What a tab does: read the settings again from the database.
                _ = storeB.GetOrganizeSettingsAsync(who).ContinueWith(t => changedOnB.TrySetResult(t.Result), TaskScheduler.Default);
            }
        }

        storeB.Changed += OnChanged;
        try
        {
            await cluster.A.Services.GetRequiredService<OrganizeSettingsStore>()
                .SetOrganizeSettingsAsync(user, OrganizeSettings.Default with { Theme = ThemeChoice.Dark, Density = ListDensity.Compact });

            var seen = await changedOnB.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal((ThemeChoice.Dark, ListDensity.Compact), (seen.Theme, seen.Density));
        }
        finally
        {
            storeB.Changed -= OnChanged;
        }
    }

    private static double Percentile(List<double> values, double q) =>
        values.Order().ElementAt((int)Math.Min(values.Count - 1, Math.Ceiling(q * values.Count) - 1));
}
