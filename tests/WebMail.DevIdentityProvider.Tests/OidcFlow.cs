using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.Tokens;
using WebMail.Testing.Web;

namespace WebMail.DevIdentityProvider.Tests;

/// <summary>
/// What a browser and WebMail's OIDC handler do, over plain HttpClient: authorization request with PKCE, the
/// provider's sign-in form (cookies, antiforgery), the redirect back with a code, and the token endpoint.
/// </summary>
internal sealed partial class OidcFlow : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public OidcFlow(DevIdentityProviderHost host, string? redirectUri = null)
    {
        Authority = new Uri(host.Authority);
        // Any loopback port: WebMail runs on random ports in the tests.
        RedirectUri = redirectUri ?? $"http://127.0.0.1:{Random.Shared.Next(20000, 60000)}/signin-oidc";
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = Authority };
    }

    public Uri Authority { get; }

    public string RedirectUri { get; }

    /// <summary>The authorization request as WebMail sends it (code flow, S256 PKCE, state, nonce).</summary>
    public Task<HttpResponseMessage> AuthorizeAsync(string scopes = DevIdentityProviderHost.Scopes, string? prompt = null, bool pkce = true)
    {
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(_verifier)));
        var query = new Dictionary<string, string>
        {
            ["client_id"] = DevIdentityProviderHost.ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["scope"] = scopes,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = "state-1",
            ["nonce"] = "nonce-1",
        };
        if (prompt is not null)
        {
            query["prompt"] = prompt;
        }

        if (!pkce)
        {
            query.Remove("code_challenge");
            query.Remove("code_challenge_method");
        }

        return _http.GetAsync(new Uri("connect/authorize?" + Form(query), UriKind.Relative));
    }

    /// <summary>Follows a redirect to the provider's sign-in page and posts the form; returns the provider's answer.</summary>
    public async Task<HttpResponseMessage> SignInAsync(Uri loginLocation, string email, string password)
    {
        using var page = await _http.GetAsync(loginLocation);
        var html = await page.Content.ReadAsStringAsync();
        var antiforgery = AntiforgeryField().Match(html);
        var returnUrl = ReturnUrlField().Match(html);
        Assert.True(antiforgery.Success, "the sign-in page has no antiforgery field");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [antiforgery.Groups[1].Value] = WebUtility.HtmlDecode(antiforgery.Groups[2].Value),
            ["ReturnUrl"] = WebUtility.HtmlDecode(returnUrl.Groups[1].Value),
            ["Email"] = email,
            ["Password"] = password,
        });
        return await _http.PostAsync(new Uri("account/login", UriKind.Relative), form);
    }

    /// <summary>The whole sign-in: authorize, sign in, follow the provider back to the redirect URI; returns the code.</summary>
    public async Task<string> SignInForCodeAsync(string email, string password, string scopes = DevIdentityProviderHost.Scopes)
    {
        using var authorize = await AuthorizeAsync(scopes);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        using var signIn = await SignInAsync(authorize.Headers.Location!, email, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        using var back = await GetAsync(signIn.Headers.Location!);
        return CodeFrom(back);
    }

    /// <summary>The code in a redirect to <see cref="RedirectUri"/> (and the state sent).</summary>
    public string CodeFrom(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(RedirectUri + "?", location.ToString(), StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("state-1", query["state"].ToString());
        return query["code"].ToString();
    }

    public Task<HttpResponseMessage> GetAsync(Uri location) => _http.GetAsync(location);

    /// <summary>Code exchange at the token endpoint (client secret, PKCE verifier).</summary>
    public Task<TokenResponse> RedeemAsync(string code) => TokenAsync(new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = RedirectUri,
        ["code_verifier"] = _verifier,
    });

    public Task<TokenResponse> RefreshAsync(string refreshToken) => TokenAsync(new()
    {
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
    });

    /// <summary>RFC 7009 revocation, as WebMail does at sign-out.</summary>
    public async Task<HttpStatusCode> RevokeAsync(string token, string hint)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["token_type_hint"] = hint,
            ["client_id"] = DevIdentityProviderHost.ClientId,
            ["client_secret"] = DevIdentityProviderHost.ClientSecret,
        });
        using var response = await _http.PostAsync(new Uri("connect/revoke", UriKind.Relative), content);
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();

    private async Task<TokenResponse> TokenAsync(Dictionary<string, string> form)
    {
        form["client_id"] = DevIdentityProviderHost.ClientId;
        form["client_secret"] = DevIdentityProviderHost.ClientSecret;
        using var content = new FormUrlEncodedContent(form);
        using var response = await _http.PostAsync(new Uri("connect/token", UriKind.Relative), content);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        string? Get(string name) => json.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
        return new TokenResponse(response.StatusCode, Get("access_token"), Get("refresh_token"), Get("id_token"), Get("error"));
    }

    private static string Form(Dictionary<string, string> values) =>
        string.Join('&', values.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    [GeneratedRegex("""<input type="hidden" name="(__RequestVerificationToken[^"]*)" value="([^"]*)">""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("""<input type="hidden" name="ReturnUrl" value="([^"]*)">""")]
    private static partial Regex ReturnUrlField();
}

internal sealed record TokenResponse(HttpStatusCode Status, string? AccessToken, string? RefreshToken, string? IdToken, string? Error);
