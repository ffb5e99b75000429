namespace WebMail.DevIdentityProvider;

/// <summary>
/// The shape of the access tokens this provider issues, which is what the local mail stack's Dovecot
/// (oauth2 passdb, local JWT validation; see deploy/mailstack/dovecot-oauth2.conf.ext.in) accepts.
/// Tests that mint tokens directly use the same values.
/// </summary>
public static class DevTokenFormat
{
    /// <summary>The signing key's id (JWT header <c>kid</c>); Dovecot finds the public key in its dict under this name.</summary>
    public const string KeyId = "webmail-dev";

    /// <summary>JWT header <c>typ</c>: Debian's Dovecot 2.3.19 accepts only <c>JWT</c> (OpenIddict would write <c>at+jwt</c>).</summary>
    public const string TokenType = "JWT";

    /// <summary>The scope an app asks for to use mail; granting it puts <see cref="MailAudience"/> into the token's <c>aud</c>.</summary>
    public const string MailScope = "mail";

    /// <summary>The audience Dovecot requires (its oauth2 <c>client_id</c> setting).</summary>
    public const string MailAudience = "webmail-mail";

    /// <summary>The default issuer: where <c>dotnet run</c> serves the provider.</summary>
    public const string DefaultIssuer = "http://127.0.0.1:5081/";

    /// <summary>
    /// How far <c>iat</c> is set back: Dovecot allows no clock leeway and refuses a token "issued in future",
    /// which a token used within the second it was made could otherwise be.
    /// </summary>
    public static readonly TimeSpan IssuedAtBackdate = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A claim marking access tokens, so that this provider can tell its own <c>typ: JWT</c> access tokens
    /// (at the userinfo and revocation endpoints) from identity tokens, which have the same <c>typ</c>.
    /// </summary>
    public const string TokenUseClaim = "token_use";

    /// <summary>The value of <see cref="TokenUseClaim"/> in access tokens.</summary>
    public const string AccessTokenUse = "access";
}
