using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.DevIdentityProvider.Tests;

/// <summary>What the token endpoint hands out, and refresh and revocation as WebMail meets them.</summary>
[Collection(ProviderCollection.Name)]
public sealed class TokenTests(ProviderFixture provider)
{
    [Fact]
    public async Task CodeExchange_WithPkce_ReturnsTheAccessTokenShapeDovecotChecks()
    {
        using var flow = new OidcFlow(provider.Host);
        var user = MailStack.NewUser("idp");

        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync(user, MailStack.TestPassword));
        var access = new JsonWebToken(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.NotNull(tokens.RefreshToken);
        Assert.Equal("JWT", access.Typ);
        Assert.Equal(DevTokenFormat.KeyId, access.Kid);
        Assert.Equal("RS256", access.Alg);
        Assert.Equal(provider.Host.Authority, access.Issuer);
        Assert.Contains(DevTokenFormat.MailAudience, access.Audiences);
        Assert.Equal(user, access.GetClaim("email").Value);
        Assert.Equal(DevUsers.SubjectFor(user), access.Subject);
        Assert.Contains("mail", access.GetClaim("scope").Value.Split(' '));
        Assert.False(access.TryGetClaim("azp", out _), "an azp claim would move Dovecot's key lookup to keys/<azp>/");
        // iat is set back so that Dovecot (no leeway) never sees a token from the future.
        Assert.Equal(TimeSpan.FromMinutes(5) + DevTokenFormat.IssuedAtBackdate, access.ValidTo - access.IssuedAt);
    }

    [Fact]
    public async Task CodeExchange_DemoUser_IdTokenCarriesEmailNameAndPreferredUsername()
    {
        using var flow = new OidcFlow(provider.Host);

        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync("alice@example.test", "alice-demo"));
        var id = new JsonWebToken(tokens.IdToken);

        Assert.Equal("alice@example.test", id.GetClaim("email").Value);
        Assert.Equal("alice@example.test", id.GetClaim("preferred_username").Value);
        Assert.Equal("Alice Johnson", id.GetClaim("name").Value);
        Assert.Contains(DevIdentityProviderHost.ClientId, id.Audiences);
    }

    [Fact]
    public async Task UserInfo_WithAccessToken_ReturnsTheUsersClaims()
    {
        using var flow = new OidcFlow(provider.Host);
        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync("bob@example.test", "bob-demo"));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(provider.Host.Authority + "connect/userinfo"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

        using var response = await http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("bob@example.test", json.RootElement.GetProperty("email").GetString());
        Assert.Equal("Bob Smith", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(DevUsers.SubjectFor("bob@example.test"), json.RootElement.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task RefreshGrant_ValidRefreshToken_ReturnsANewAccessTokenDovecotAccepts()
    {
        using var flow = new OidcFlow(provider.Host);
        var user = MailStack.NewUser("idp");
        var first = await flow.RedeemAsync(await flow.SignInForCodeAsync(user, MailStack.TestPassword));

        var refreshed = await flow.RefreshAsync(first.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.Equal("INBOX", await MailLogins.ImapInboxAsync("XOAUTH2", user, refreshed.AccessToken!));
    }

    [Fact]
    public async Task RefreshGrant_AfterTheUserIsRevoked_FailsWithInvalidGrant()
    {
        using var flow = new OidcFlow(provider.Host);
        var user = MailStack.NewUser("idp");
        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync(user, MailStack.TestPassword));

        await provider.Host.RevokeUserAsync(user);
        var refreshed = await flow.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.BadRequest, refreshed.Status);
        Assert.Equal("invalid_grant", refreshed.Error);
    }

    [Fact]
    public async Task Revocation_RefreshToken_LaterRefreshFailsWithInvalidGrant()
    {
        using var flow = new OidcFlow(provider.Host);
        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync(MailStack.NewUser("idp"), MailStack.TestPassword));

        var revoked = await flow.RevokeAsync(tokens.RefreshToken!, "refresh_token");
        var refreshed = await flow.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, revoked);
        Assert.Equal("invalid_grant", refreshed.Error);
    }

    [Fact]
    public async Task Revocation_AccessToken_IsAccepted()
    {
        using var flow = new OidcFlow(provider.Host);
        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync(MailStack.NewUser("idp"), MailStack.TestPassword));

        Assert.Equal(HttpStatusCode.OK, await flow.RevokeAsync(tokens.AccessToken!, "access_token"));
    }

    [Fact]
    public async Task RevokeUser_OtherUsersGrants_StayValid()
    {
        using var flow = new OidcFlow(provider.Host);
        var user = MailStack.NewUser("idp");
        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync(user, MailStack.TestPassword));

        await provider.Host.RevokeUserAsync(MailStack.NewUser("other"));
        var refreshed = await flow.RefreshAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
    }

    [Fact]
    public async Task CodeExchange_WithoutMailScope_AccessTokenHasNoMailAudience()
    {
        using var flow = new OidcFlow(provider.Host);

        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync(MailStack.NewUser("idp"), MailStack.TestPassword, "openid email"));

        Assert.DoesNotContain(DevTokenFormat.MailAudience, new JsonWebToken(tokens.AccessToken).Audiences);
    }
}
