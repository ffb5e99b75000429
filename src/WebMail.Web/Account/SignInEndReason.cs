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

    public const string RevokedSentence = "Your sign-in at your identity provider has ended (it was revoked or it expired). Sign in again to continue.";

    public const string NoRefreshTokenSentence = "Your identity provider did not grant a refresh token (offline_access); sign in again to continue.";

    public const string EndedElsewhereSentence = "You were signed out from another device (Signed-in devices). Sign in again to continue.";

    /// <summary>The sentence for a reason code, or null for anything else.</summary>
    public static string? Sentence(string? code, SignInLifetimeOptions? lifetime = null) => code switch
    {
        Revoked => RevokedSentence,
        NoRefreshToken => NoRefreshTokenSentence,
        EndedElsewhere => EndedElsewhereSentence,
        Idle => IdleSentence(lifetime ?? new()),
        Lifetime => LifetimeSentence(lifetime ?? new()),
        _ => null,
    };

    public static string IdleSentence(SignInLifetimeOptions lifetime) =>
        $"You were signed out after {SignInLifetimeOptions.Describe(lifetime.IdleTimeout)} without activity.";

    public static string LifetimeSentence(SignInLifetimeOptions lifetime) =>
        $"You were signed out after {SignInLifetimeOptions.Describe(lifetime.AbsoluteLifetime)}; please sign in again.";
}
