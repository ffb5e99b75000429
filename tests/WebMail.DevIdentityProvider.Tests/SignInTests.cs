using System.Net;
using WebMail.Testing;

namespace WebMail.DevIdentityProvider.Tests;

/// <summary>The provider's side of signing in and out: its form, its session, its redirect rules.</summary>
[Collection(ProviderCollection.Name)]
public sealed class SignInTests(ProviderFixture provider)
{
    [Fact]
    public async Task Authorize_WithoutSession_RedirectsToTheSignInForm()
    {
        using var flow = new OidcFlow(provider.Host);

        using var response = await flow.AuthorizeAsync();
        using var page = await flow.GetAsync(response.Headers.Location!);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
        Assert.Contains("<h1>WebMail Dev Identity Provider</h1>", html, StringComparison.Ordinal);
        Assert.Contains("""<label for="email">Email address</label>""", html, StringComparison.Ordinal);
        Assert.Contains("""<label for="password">Password</label>""", html, StringComparison.Ordinal);
        Assert.Contains("""<button type="submit">Sign in</button>""", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheErrorAndNoRedirect()
    {
        using var flow = new OidcFlow(provider.Host);
        using var authorize = await flow.AuthorizeAsync();

        using var response = await flow.SignInAsync(authorize.Headers.Location!, "alice@example.test", "not-her-password");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("The email address or password is not correct.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_SecondRequestWithSession_ReturnsCodeWithoutAskingAgain()
    {
        using var flow = new OidcFlow(provider.Host);
        await flow.SignInForCodeAsync(MailStack.NewUser("idp"), MailStack.TestPassword);

        using var again = await flow.AuthorizeAsync();

        Assert.False(string.IsNullOrEmpty(flow.CodeFrom(again)));
    }

    [Fact]
    public async Task Authorize_PromptNoneWithoutSession_ReturnsLoginRequiredToTheClient()
    {
        using var flow = new OidcFlow(provider.Host);

        using var response = await flow.AuthorizeAsync(prompt: "none");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(flow.RedirectUri + "?error=login_required", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_PromptLoginWithSession_AsksAgainOnce()
    {
        using var flow = new OidcFlow(provider.Host);
        var user = MailStack.NewUser("idp");
        await flow.SignInForCodeAsync(user, MailStack.TestPassword);

        using var again = await flow.AuthorizeAsync(prompt: "login");
        using var signIn = await flow.SignInAsync(again.Headers.Location!, user, MailStack.TestPassword);
        using var back = await flow.GetAsync(signIn.Headers.Location!);

        Assert.Equal("/account/login", again.Headers.Location!.AbsolutePath);
        Assert.False(string.IsNullOrEmpty(flow.CodeFrom(back)));
    }

    [Fact]
    public async Task EndSession_WithIdTokenHintAndLoopbackReturn_RedirectsBackAndNextAuthorizeAsksAgain()
    {
        using var flow = new OidcFlow(provider.Host);
        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync(MailStack.NewUser("idp"), MailStack.TestPassword));
        var postLogout = flow.RedirectUri.Replace("/signin-oidc", "/signout-callback-oidc", StringComparison.Ordinal);

        using var endSession = await flow.GetAsync(new Uri(
            $"connect/endsession?id_token_hint={tokens.IdToken}&post_logout_redirect_uri={Uri.EscapeDataString(postLogout)}&state=bye",
            UriKind.Relative));
        using var next = await flow.AuthorizeAsync();

        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);
        Assert.Equal(postLogout + "?state=bye", endSession.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/account/login", next.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("http://mail.example.com/signin-oidc")]
    [InlineData("http://127.0.0.1.nip.io:5000/signin-oidc")]
    [InlineData("https://127.0.0.1:5000/signin-oidc")]
    [InlineData("http://127.0.0.1:5000/other-path")]
    public async Task Authorize_NonLoopbackOrUnregisteredRedirect_IsRefusedWithoutRedirecting(string redirectUri)
    {
        using var flow = new OidcFlow(provider.Host, redirectUri);

        using var response = await flow.AuthorizeAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Authorize_WithoutPkce_IsRefused()
    {
        using var flow = new OidcFlow(provider.Host);

        using var response = await flow.AuthorizeAsync(pkce: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("code_challenge", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_LocalhostRedirectOnAnyPort_IsAccepted()
    {
        using var flow = new OidcFlow(provider.Host, "http://localhost:47123/signin-oidc");

        using var response = await flow.AuthorizeAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/signin-oidc", true)]
    [InlineData("http://127.0.0.1:61000/signin-oidc", true)]
    [InlineData("http://localhost:5000/signin-oidc", true)]
    [InlineData("http://127.0.0.1/signin-oidc", true)]
    [InlineData("http://127.1:5000/signin-oidc", false)]
    [InlineData("http://0x7f.1:5000/signin-oidc", false)]
    [InlineData("http://127.0.0.2:5000/signin-oidc", false)]
    [InlineData("http://user@127.0.0.1:5000/signin-oidc", false)]
    [InlineData("http://127.0.0.1:5000/signin-oidc?x=1", false)]
    [InlineData("http://127.0.0.1:5000/signin-oidc#x", false)]
    [InlineData("http://evil.example:5000/signin-oidc", false)]
    public void MatchesLoopback_RegisteredLoopbackUri_MatchesAnyPortOnly(string candidate, bool expected)
    {
        Assert.Equal(expected, LoopbackApplicationManager<object>.MatchesLoopback(ProviderSeeder.RedirectUris, candidate));
    }
}
