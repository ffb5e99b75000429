using System.Text.Json;

namespace WebMail.DevIdentityProvider.Tests;

[Collection(ProviderCollection.Name)]
public sealed class DiscoveryTests(ProviderFixture provider)
{
    [Fact]
    public async Task Discovery_Document_AdvertisesEndpointsUnderTheIssuer()
    {
        using var http = new HttpClient();
        var authority = provider.Host.Authority;
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(authority + ".well-known/openid-configuration")));
        var root = json.RootElement;

        Assert.Equal(authority, root.GetProperty("issuer").GetString());
        Assert.Equal(authority + "connect/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(authority + "connect/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(authority + "connect/endsession", root.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(authority + "connect/userinfo", root.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(authority + "connect/revoke", root.GetProperty("revocation_endpoint").GetString());
        Assert.Contains("S256", Strings(root, "code_challenge_methods_supported"));
        Assert.Superset(new HashSet<string> { "openid", "profile", "email", "offline_access", "mail" }, Strings(root, "scopes_supported"));
        Assert.Superset(new HashSet<string> { "authorization_code", "refresh_token" }, Strings(root, "grant_types_supported"));
    }

    [Fact]
    public async Task Jwks_SigningKey_IsTheStacksKeyUnderItsKeyId()
    {
        using var http = new HttpClient();
        using var json = JsonDocument.Parse(await http.GetStringAsync(new Uri(provider.Host.Authority + ".well-known/jwks")));

        var key = Assert.Single(json.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(DevTokenFormat.KeyId, key.GetProperty("kid").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());

        using var stackKey = System.Security.Cryptography.RSA.Create();
        stackKey.ImportFromPem(await File.ReadAllTextAsync(Testing.Web.DevIdentityProviderHost.SigningKeyPath));
        Assert.Equal(
            Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(stackKey.ExportParameters(false).Modulus),
            key.GetProperty("n").GetString());
    }

    private static HashSet<string> Strings(JsonElement root, string name) =>
        root.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToHashSet();
}
