using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Account;
using WebMail.Web.Hosting;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Security;

/// <summary>The headers a browser gets on every kind of response, fetched from the real app signed in and out.</summary>
public sealed class SecurityHeadersTests : IClassFixture<WebMailFactory>
{
    private static readonly string AppPolicy = SecurityHeaders.AppPolicy(new AuthenticationOptions());
    private readonly WebMailFactory _factory;

    public SecurityHeadersTests(WebMailFactory factory) => _factory = factory;

    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)]
    [InlineData("/account/problem?code=provider", HttpStatusCode.OK)]
    [InlineData("/error", HttpStatusCode.OK)]
    [InlineData("/", HttpStatusCode.Redirect)]
    [InlineData("/compose", HttpStatusCode.Redirect)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("/icons/favicon.svg", HttpStatusCode.OK)]
    [InlineData("/_framework/blazor.web.js", HttpStatusCode.OK)]
    [InlineData("/healthz", HttpStatusCode.OK)]
    public async Task Response_SignedOut_CarriesTheAppPolicyAndHeaders(string path, HttpStatusCode status)
    {
        var response = await _factory.CreateBrowserClient().GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        AssertAppHeaders(response);
    }

    [Fact]
    public async Task Pages_SignedIn_CarryTheAppPolicyAndHeaders()
    {
        var user = MailStack.NewUser("hdr");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("html-inline-cid-logo.eml")]);
        var client = await _factory.SignInAsync(user);

        foreach (var path in new[] { "/", $"/mail/{FolderToken.Encode("INBOX")}", "/compose", "/settings/identities", "/no/such/page" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            AssertAppHeaders(response);
        }
    }

    [Fact]
    public async Task MessageFrame_KeepsItsStricterPolicyAndIsFramableByTheAppOnly()
    {
        var user = MailStack.NewUser("hdr");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("html-inline-cid-logo.eml")]);
        var client = await _factory.SignInAsync(user);
        var frame = await PrepareFrameAsync(user);

        var response = await client.GetAsync($"/mail/frame/{frame.Token}");
        var image = await _factory.CreateBrowserClient().GetAsync($"/mail/frame/{frame.Token}/cid/0");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'none';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("sandbox", csp, StringComparison.Ordinal);
        Assert.Equal("SAMEORIGIN", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(SecurityHeaders.PermissionsPolicy, Assert.Single(response.Headers.GetValues("Permissions-Policy")));

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("default-src 'none'; sandbox", Assert.Single(image.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(image.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task PlainHttp_NoStrictTransportSecurity()
    {
        var response = await _factory.CreateBrowserClient().GetAsync("/account/login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public void AppPolicy_WithSso_AllowsTheSignOutRedirectToTheProviderOnly()
    {
        var options = new AuthenticationOptions();
        options.Oidc.Enabled = true;
        options.Oidc.Authority = "https://sso.example.com/realms/acme";

        var policy = SecurityHeaders.AppPolicy(options);

        Assert.EndsWith("; form-action 'self' https://sso.example.com", policy, StringComparison.Ordinal);
        Assert.EndsWith("; form-action 'self'", AppPolicy, StringComparison.Ordinal);
    }

    private async Task<PreparedFrame> PrepareFrameAsync(string user)
    {
        using var lease = _factory.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);
        var view = await lease.Session.Messages.GetMessageAsync(page.Rows.Single().Id);
        return _factory.Services.GetRequiredService<MessageFrameStore>().Prepare(user, view, allowRemote: false, "/");
    }

    private static void AssertAppHeaders(HttpResponseMessage response)
    {
        var path = response.RequestMessage?.RequestUri?.PathAndQuery;

        // One policy, the app's: Blazor's own frame-ancestors header is not sent beside it.
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.True(csp == AppPolicy, $"{path}: {csp}");
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none';", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        var permissions = Assert.Single(response.Headers.GetValues("Permissions-Policy"));
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()" })
        {
            Assert.Contains(feature, permissions, StringComparison.Ordinal);
        }
    }
}
