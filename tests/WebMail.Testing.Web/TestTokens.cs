using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WebMail.DevIdentityProvider;

namespace WebMail.Testing.Web;

/// <summary>
/// Access tokens minted directly with the mail stack's signing key, shaped exactly like the dev provider's
/// (header typ JWT, kid webmail-dev, RS256; iss, aud webmail-mail, sub, email, scope, iat a few seconds back,
/// exp), for tests of XOAUTH2/OAUTHBEARER against the stack without running the provider.
/// </summary>
public static class TestTokens
{
    private static readonly Lazy<RsaSecurityKey> StackKey = new(() =>
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(DevIdentityProviderHost.SigningKeyPath));
        return new RsaSecurityKey(rsa) { KeyId = DevTokenFormat.KeyId };
    });

    /// <summary>A token for <paramref name="email"/> that Dovecot accepts until <paramref name="lifetime"/> from now (negative: already expired).</summary>
    public static string Mint(string email, TimeSpan lifetime) => Create(email, lifetime, StackKey.Value);

    /// <summary>The same token signed by a fresh RSA key (same kid): Dovecot must refuse it.</summary>
    public static string MintWithOtherKey(string email, TimeSpan lifetime)
    {
        using var rsa = RSA.Create(2048);
        return Create(email, lifetime, new RsaSecurityKey(rsa) { KeyId = DevTokenFormat.KeyId });
    }

    /// <summary>
    /// <paramref name="token"/> with its payload's <c>email</c> (and <c>sub</c>) changed to <paramref name="email"/>
    /// but the original signature: a tampered token, which Dovecot must refuse.
    /// </summary>
    public static string WithTamperedEmail(string token, string email)
    {
        ArgumentNullException.ThrowIfNull(token);
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["email"] = email;
        payload["sub"] = DevUsers.SubjectFor(email);
        parts[1] = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return string.Join('.', parts);
    }

    private static string Create(string email, TimeSpan lifetime, SecurityKey key)
    {
        var now = DateTime.UtcNow;
        var expires = now + lifetime;
        // Dovecot refuses a token "issued in future" (no leeway); an expired one must still have iat < exp.
        var issuedAt = lifetime > TimeSpan.Zero ? now - DevTokenFormat.IssuedAtBackdate : expires - TimeSpan.FromMinutes(5);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            TokenType = DevTokenFormat.TokenType,
            Issuer = DevTokenFormat.DefaultIssuer,
            IssuedAt = issuedAt,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["aud"] = DevTokenFormat.MailAudience,
                ["sub"] = DevUsers.SubjectFor(email),
                ["email"] = email,
                ["scope"] = DevIdentityProviderHost.Scopes,
                ["client_id"] = DevIdentityProviderHost.ClientId,
                ["jti"] = Guid.NewGuid().ToString(),
                [DevTokenFormat.TokenUseClaim] = DevTokenFormat.AccessTokenUse,
            },
        });
    }
}
