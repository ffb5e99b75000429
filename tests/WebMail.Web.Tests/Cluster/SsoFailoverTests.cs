using WebMail.Testing;
using WebMail.Web.Tests.Account;

namespace WebMail.Web.Tests.Cluster;

/// <summary>
/// Failover for single sign-on: a user who signed in with SSO at instance A is served by instance B with the same
/// browser cookies (as after A died and nginx moved them) — signed in, the mailbox open, no trip to the provider.
/// </summary>
public sealed class SsoFailoverTests(ClusterInstances cluster) : IClassFixture<ClusterInstances>
{
    [Fact]
    public async Task SsoSignIn_AtInstanceA_InstanceBShowsTheMailboxWithoutSigningInAgain()
    {
        var user = MailStack.NewUser("ssofail");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("plain-text-urls-and-escaping.eml")]);
        using var browser = new SsoHttpBrowser(cluster.A.BaseAddress);
        await browser.SignInAsync(user);

        using var atB = browser.At(cluster.B.BaseAddress);
        var inbox = await atB.GetAsync("/");

        Assert.False(atB.OnProviderSignInPage, "instance B sent the user back to the identity provider");
        Assert.DoesNotContain("account/login", atB.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("Links &amp; &lt;angle brackets&gt; in plain text", inbox, StringComparison.Ordinal);
        Assert.All(atB.Visited, url => Assert.StartsWith(cluster.B.BaseAddress.TrimEnd('/'), url, StringComparison.Ordinal));
    }
}
