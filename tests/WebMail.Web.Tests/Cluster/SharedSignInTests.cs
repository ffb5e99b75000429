using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Credentials;
using WebMail.Testing;
using WebMail.Web.Account;
using WebMail.Web.Cluster;

namespace WebMail.Web.Tests.Cluster;

/// <summary>
/// Two instances sharing one PostgreSQL settings database, as behind nginx (deploy/cluster.sh): the user-affinity
/// cookie both compute alike, and password sign-ins either instance can use (stored protected, never in clear).
/// </summary>
public sealed class SharedSignInTests : IAsyncLifetime
{
    private SharedDatabaseInstances _instances = default!;

    public async Task InitializeAsync() => _instances = await SharedDatabaseInstances.CreateAsync();

    public async Task DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task PasswordSignIn_OnInstanceOne_InstanceTwoOpensTheMailboxWithTheSameAffinityCookie()
    {
        var user = MailStack.NewUser("cluster");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("plain-text-urls-and-escaping.eml")]);
        var browser = _instances.One.CreateBrowserClient();

        var signIn = await WebMailFactory.PostLoginAsync(browser, user, MailStack.TestPassword);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("one", signIn.Headers.GetValues(AffinitySetup.InstanceHeader).Single());
        var cookies = SetCookies(signIn);
        var affinity = Value(cookies[AffinityKey.CookieName]);
        Assert.Matches("^[0-9a-f]{32}$", affinity);
        Assert.Equal(affinity, await _instances.Two.Services.GetRequiredService<AffinityKey>().ValueForAsync(user.ToUpperInvariant()));
        Assert.NotEqual(affinity, await _instances.Two.Services.GetRequiredService<AffinityKey>().ValueForAsync(MailStack.NewUser("cluster")));

        // The auth cookie alone, at the other instance: it knows the sign-in and logs in to IMAP with its password.
        using var other = _instances.Two.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        other.DefaultRequestHeaders.Add("Cookie", "webmail.auth=" + Value(cookies["webmail.auth"]));
        var inbox = await other.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
        Assert.Equal("two", inbox.Headers.GetValues(AffinitySetup.InstanceHeader).Single());
        Assert.Contains("Links &amp; &lt;angle brackets&gt; in plain text", await inbox.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("password", Assert.Single(await _instances.Two.Services.GetRequiredService<SignInStore>().ListAsync(user)).Method);

        // In the database the password is there only protected.
        await using var db = await _instances.Database.Factory.CreateDbContextAsync();
        var row = await db.SignIns.AsNoTracking().SingleAsync(s => s.UserName == user);
        Assert.Equal("password", row.Method);
        Assert.NotNull(row.ProtectedPassword);
        Assert.Equal(-1, row.ProtectedPassword.AsSpan().IndexOf(Encoding.UTF8.GetBytes(MailStack.TestPassword)));
        Assert.Equal(-1, row.ProtectedPassword.AsSpan().IndexOf(Encoding.Unicode.GetBytes(MailStack.TestPassword)));

        // Signed out at instance one: the affinity cookie goes, and instance two has no credential left for the user.
        var token = await WebMailFactory.AntiforgeryTokenAsync(browser, "/");
        var signOut = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Contains("expires=Thu, 01 Jan 1970", SetCookies(signOut)[AffinityKey.CookieName], StringComparison.OrdinalIgnoreCase);
        Assert.Null(await _instances.Two.Services.GetRequiredService<IMailCredentialSource>().GetCredentialAsync(user));
    }

    [Fact]
    public async Task AffinityCookie_OverHttps_HttpOnlyLaxSecureAndNeverTheUserName()
    {
        var user = MailStack.NewUser("cluster");
        var browser = _instances.Two.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });

        var signIn = await WebMailFactory.PostLoginAsync(browser, user, MailStack.TestPassword);

        var cookie = SetCookies(signIn)[AffinityKey.CookieName];
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        // A browser-session cookie, like the auth cookie.
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(user.Split('@')[0], cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(await _instances.One.Services.GetRequiredService<AffinityKey>().ValueForAsync(user), Value(cookie));
    }

    /// <summary>The response's Set-Cookie lines by cookie name.</summary>
    private static Dictionary<string, string> SetCookies(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").ToDictionary(c => c[..c.IndexOf('=', StringComparison.Ordinal)], StringComparer.Ordinal);

    private static string Value(string setCookie) => setCookie.Split(';')[0].Split('=', 2)[1];
}
