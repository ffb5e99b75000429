using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.Hosting;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Security;

/// <summary>
/// WebMail behind a TLS-terminating proxy: the app on a real Kestrel port (so the connection's address is real,
/// 127.0.0.1), requests carrying X-Forwarded-* as the proxy would send them.
/// </summary>
public sealed partial class ForwardedHeadersTests : IAsyncLifetime
{
    private const string PublicHost = "mail.example.test";
    private readonly DevIdentityProviderHost _provider = new();
    private readonly List<KestrelWebMailFactory> _apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task KnownProxy_ForwardedHttps_HstsAndSecureCookies()
    {
        var app = Start(BehindProxy("127.0.0.1"));
        using var http = NewClient(app);

        var login = await http.SendAsync(Forwarded(HttpMethod.Get, "/account/login"));
        var antiforgery = Cookie(login, "webmail.af");
        var signIn = await http.SendAsync(LoginRequest(await login.Content.ReadAsStringAsync(), antiforgery, await SeededUserAsync(), forwarded: true));

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, Assert.Single(login.Headers.GetValues("Strict-Transport-Security")));
        Assert.Contains("; secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("; secure", Cookie(signIn, "webmail.auth"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, Assert.Single(signIn.Headers.GetValues("Strict-Transport-Security")));
    }

    [Theory]
    [InlineData("192.0.2.10", "198.51.100.0/24")]
    [InlineData(null, null)]
    public async Task ProxyNotKnown_ForwardedHttpsIgnored(string? knownProxy, string? knownNetwork)
    {
        // Not configured at all: even loopback (ASP.NET Core's default) is not trusted.
        var app = Start(BehindProxy(knownProxy, knownNetwork));
        using var http = NewClient(app);

        var login = await http.SendAsync(Forwarded(HttpMethod.Get, "/account/login"));
        var antiforgery = Cookie(login, "webmail.af");
        var signIn = await http.SendAsync(LoginRequest(await login.Content.ReadAsStringAsync(), antiforgery, await SeededUserAsync(), forwarded: true));

        Assert.False(login.Headers.Contains("Strict-Transport-Security"));
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.DoesNotContain("secure", Cookie(signIn, "webmail.auth"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KnownNetwork_OidcChallenge_RedirectUriIsTheProxysHttpsAddress()
    {
        var app = Start(BehindProxy(knownProxy: null, knownNetwork: "127.0.0.0/8").WithSso(_provider));
        using var http = NewClient(app);

        var challenge = await http.SendAsync(Forwarded(HttpMethod.Get, "/account/sso"));

        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith(_provider.Authority, challenge.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal($"https://{PublicHost}/signin-oidc", RedirectUri(challenge));
        var cookies = challenge.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UnknownProxyOrHost_OidcChallenge_RedirectUriIsTheConnectionsOwn()
    {
        var trusted = Start(BehindProxy("127.0.0.1").WithSso(_provider));
        var untrusted = Start(BehindProxy("192.0.2.10").WithSso(_provider));
        using var trustedHttp = NewClient(trusted);
        using var untrustedHttp = NewClient(untrusted);

        // A known proxy forwarding a host that is not in AllowedHosts: the host is not taken (the scheme is).
        var forgedHost = await trustedHttp.SendAsync(Forwarded(HttpMethod.Get, "/account/sso", host: "evil.example"));
        var unknownProxy = await untrustedHttp.SendAsync(Forwarded(HttpMethod.Get, "/account/sso"));

        Assert.Equal($"https://{new Uri(trusted.BaseAddress).Authority}/signin-oidc", RedirectUri(forgedHost));
        Assert.Equal($"{untrusted.BaseAddress}/signin-oidc", RedirectUri(unknownProxy));
        Assert.StartsWith("http://127.0.0.1:", RedirectUri(unknownProxy), StringComparison.Ordinal);
        Assert.All(unknownProxy.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(unknownProxy.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task KnownProxy_MessageFrame_InlineImageAddressIsHttps()
    {
        var app = Start(BehindProxy("127.0.0.1"));
        using var http = NewClient(app);
        var user = await SeededUserAsync();
        var login = await http.SendAsync(Forwarded(HttpMethod.Get, "/account/login"));
        var signIn = await http.SendAsync(LoginRequest(await login.Content.ReadAsStringAsync(), Cookie(login, "webmail.af"), user, forwarded: true));
        var frame = await PrepareFrameAsync(app, user);

        var request = Forwarded(HttpMethod.Get, $"/mail/frame/{frame.Token}");
        request.Headers.Add("Cookie", CookiePair(Cookie(signIn, "webmail.auth")));
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"img-src https://{PublicHost}/mail/frame/{frame.Token}/cid/;", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WebMail__ForwardedHeaders__KnownProxies__0", "10.0.0.300", "WebMail:ForwardedHeaders:KnownProxies has \"10.0.0.300\", which is not an IP address")]
    [InlineData("WebMail__ForwardedHeaders__KnownNetworks__0", "10.0.0.1/8", "WebMail:ForwardedHeaders:KnownNetworks has \"10.0.0.1/8\", which is not a network in CIDR notation")]
    [InlineData("WebMail__ForwardedHeaders__AllowedHosts__0", "https://mail.example.com/", "WebMail:ForwardedHeaders:AllowedHosts has \"https://mail.example.com/\"")]
    public async Task Start_BadProxySetting_ExitsWithSentenceNamingIt(string variable, string value, string expected)
    {
        var (exitCode, lastLine) = await Hosting.StartupValidationTests.RunWebMailAsync(new() { [variable] = value });

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith("WebMail cannot start: ", lastLine, StringComparison.Ordinal);
        Assert.Contains(expected, lastLine, StringComparison.Ordinal);
    }

    private static KestrelWebMailFactory BehindProxy(string? knownProxy, string? knownNetwork = null)
    {
        var app = new KestrelWebMailFactory().With("WebMail:ForwardedHeaders:AllowedHosts:0", PublicHost);
        if (knownProxy is not null)
        {
            app.With("WebMail:ForwardedHeaders:KnownProxies:0", knownProxy);
        }

        if (knownNetwork is not null)
        {
            app.With("WebMail:ForwardedHeaders:KnownNetworks:0", knownNetwork);
        }

        return app;
    }

    private KestrelWebMailFactory Start(KestrelWebMailFactory app)
    {
        _apps.Add(app);
        app.StartServer();
        return app;
    }

    /// <summary>Cookies by hand: a cookie container would not send Secure cookies over the test's plain http.</summary>
    private static HttpClient NewClient(KestrelWebMailFactory app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseAddress) };

    /// <summary>A request as nginx forwards it after terminating TLS for <see cref="PublicHost"/>.</summary>
    private static HttpRequestMessage Forwarded(HttpMethod method, string path, string host = PublicHost)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", host);
        return request;
    }

    private static HttpRequestMessage LoginRequest(string loginPage, string antiforgeryCookie, string user, bool forwarded)
    {
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(loginPage).Groups[1].Value);
        var request = forwarded ? Forwarded(HttpMethod.Post, "/account/login") : new HttpRequestMessage(HttpMethod.Post, "/account/login");
        request.Headers.Add("Cookie", CookiePair(antiforgeryCookie));
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.UserName"] = user,
            ["Input.Password"] = MailStack.TestPassword,
        });
        return request;
    }

    private static string Cookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new InvalidOperationException($"no {name} cookie set ({(int)response.StatusCode})");

    private static string CookiePair(string setCookie) => setCookie.Split(';')[0];

    private static string RedirectUri(HttpResponseMessage challenge) =>
        Uri.UnescapeDataString(RedirectUriParameter().Match(challenge.Headers.Location!.Query).Groups[1].Value);

    private static async Task<string> SeededUserAsync()
    {
        var user = MailStack.NewUser("fwd");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("html-inline-cid-logo.eml")]);
        return user;
    }

    private static async Task<PreparedFrame> PrepareFrameAsync(KestrelWebMailFactory app, string user)
    {
        using var lease = app.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);
        var view = await lease.Session.Messages.GetMessageAsync(page.Rows.Single().Id);
        return app.Services.GetRequiredService<MessageFrameStore>().Prepare(user, view, allowRemote: false, "/");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("[?&]redirect_uri=([^&]+)")]
    private static partial Regex RedirectUriParameter();
}
