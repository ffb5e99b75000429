using WebMail.Mail.Credentials;

namespace WebMail.Web.Account;

/// <summary>
/// What the IMAP pool and the SMTP sender log in with: the user's newest sign-in, as a password or as a
/// fresh OAuth2 access token (refreshed here, so every IMAP/SMTP (re)authentication uses a valid token).
/// </summary>
public sealed class SignInCredentialSource(SignInStore store, OidcTokenRefresher refresher) : IMailCredentialSource
{
    public async ValueTask<MailCredential?> GetCredentialAsync(string userName, CancellationToken cancellationToken = default)
    {
        // A revoked sign-in ends during the lookup; then the user's next newest sign-in, if any, is used.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (password, oidcSignIn) = await store.LatestForUserAsync(userName, cancellationToken);
            if (password is not null)
            {
                return password;
            }

            if (oidcSignIn is null)
            {
                return null;
            }

            if (await refresher.GetAccessTokenAsync(oidcSignIn, cancellationToken) is { } token)
            {
                return new OAuthCredential(userName, token);
            }
        }

        return null;
    }
}
