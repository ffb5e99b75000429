namespace WebMail.Web.Account;

/// <summary>
/// Why a sign-in was ended by WebMail rather than by the user: a short code carried to the sign-in page
/// (<c>?ended=code</c>) and the sentence shown there. Unknown codes show nothing.
/// </summary>
public static class SignInEndReason
{
    /// <summary>The provider refused the refresh token (revoked, expired, or the account was disabled).</summary>
    public const string Revoked = "revoked";

    /// <summary>The provider issued no refresh token, and the access token has expired.</summary>
    public const string NoRefreshToken = "norefresh";

    public const string RevokedSentence = "Your sign-in at your identity provider has ended (it was revoked or it expired). Sign in again to continue.";

    public const string NoRefreshTokenSentence = "Your identity provider did not grant a refresh token (offline_access); sign in again to continue.";

    /// <summary>The sentence for a reason code, or null for anything else.</summary>
    public static string? Sentence(string? code) => code switch
    {
        Revoked => RevokedSentence,
        NoRefreshToken => NoRefreshTokenSentence,
        _ => null,
    };
}
