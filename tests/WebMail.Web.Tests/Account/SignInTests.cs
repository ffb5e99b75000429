using System.Net;
using WebMail.Testing;

namespace WebMail.Web.Tests.Account;

public sealed class SignInTests : IClassFixture<WebMailFactory>
{
    private readonly WebMailFactory _factory;

    public SignInTests(WebMailFactory factory) => _factory = factory;

    [Fact]
    public async Task Inbox_NotSignedIn_RedirectsToSignIn()
    {
        var response = await _factory.CreateBrowserClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsClearMessageOnSignInPage()
    {
        var client = _factory.CreateBrowserClient();

        var response = await WebMailFactory.PostLoginAsync(client, MailStack.NewUser(), "not-the-password");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The user name or password is incorrect.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("webmail.auth=", response.Headers.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ImapServerDown_SignInPageSaysServerUnreachable()
    {
        using var down = new WebMailFactory().With("WebMail:Imap:Port", "1");
        var client = down.CreateBrowserClient();

        var response = await WebMailFactory.PostLoginAsync(client, MailStack.NewUser(), MailStack.TestPassword);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("cannot be reached", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RightPassword_RedirectsToInboxAndCookieHoldsNoPassword()
    {
        var client = _factory.CreateBrowserClient();
        var user = MailStack.NewUser();

        var response = await WebMailFactory.PostLoginAsync(client, user, MailStack.TestPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", LocationPath(response));
        var cookies = string.Join(";", response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("webmail.auth=", cookies, StringComparison.Ordinal);
        Assert.DoesNotContain(MailStack.TestPassword, cookies, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(MailStack.TestPassword)), cookies, StringComparison.Ordinal);
        var inbox = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, inbox.StatusCode);
    }

    [Fact]
    public async Task SignIn_ReturnUrlToOtherSite_IsIgnored()
    {
        var client = _factory.CreateBrowserClient();
        var token = await WebMailFactory.AntiforgeryTokenAsync(client, "/account/login");

        var response = await client.PostAsync("/account/login?returnUrl=//evil.example/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.UserName"] = MailStack.NewUser(),
            ["Input.Password"] = MailStack.TestPassword,
        }));

        Assert.Equal("/", LocationPath(response));
        Assert.True(response.Headers.Location is { IsAbsoluteUri: false } or { Host: "localhost" });
    }

    private static string? LocationPath(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString) : null;

    [Fact]
    public async Task SignOut_Get_DoesNothing()
    {
        var user = MailStack.NewUser();
        var client = await _factory.SignInAsync(user);

        var response = await client.GetAsync("/account/logout");

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignOut_PostWithoutAntiforgeryToken_IsRejected()
    {
        var client = await _factory.SignInAsync(MailStack.NewUser());

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignOut_Post_ClosesImapSessionAndCookie()
    {
        var user = MailStack.NewUser();
        var client = await _factory.SignInAsync(user);
        Assert.Equal(1, await MailStack.ServerConnectionCountAsync(user));
        var token = await WebMailFactory.AntiforgeryTokenAsync(client, "/");

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await MailStack.ServerConnectionCountAsync(user));
        var after = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }
}
