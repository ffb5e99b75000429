using Microsoft.Extensions.Localization;
using WebMail.Web.Localization;

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

    /// <summary>No request and no open tab for <see cref="SignInLifetimeOptions.IdleTimeout"/>.</summary>
    public const string Idle = "idle";

    /// <summary>The sign-in reached <see cref="SignInLifetimeOptions.AbsoluteLifetime"/>.</summary>
    public const string Lifetime = "lifetime";

    /// <summary>The user ended it from "Signed-in devices" in another browser.</summary>
    public const string EndedElsewhere = "device";

    /// <summary>The user signed out in a tab served by another instance: this instance's tabs of that sign-in leave too (no sentence: the user did it).</summary>
    public const string SignedOutOnOtherInstance = "signedout";

    public const string RevokedSentence = "Your sign-in at your identity provider has ended (it was revoked or it expired). Sign in again to continue.";

    public const string NoRefreshTokenSentence = "Your identity provider did not grant a refresh token (offline_access); sign in again to continue.";

    public const string EndedElsewhereSentence = "You were signed out from another device (Signed-in devices). Sign in again to continue.";

    /// <summary>The sentence for a reason code in the user's language, or null for anything else.</summary>
    public static string? Sentence(string? code, SignInLifetimeOptions? lifetime, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        lifetime ??= new();
        return code switch
        {
            Revoked => l[RevokedSentence].Value,
            NoRefreshToken => l[NoRefreshTokenSentence].Value,
            EndedElsewhere => l[EndedElsewhereSentence].Value,
            Idle => l["You were signed out after {0} without activity.", Durations.Describe(lifetime.IdleTimeout, l)].Value,
            Lifetime => l["You were signed out after {0}; please sign in again.", Durations.Describe(lifetime.AbsoluteLifetime, l)].Value,
            _ => null,
        };
    }
}
