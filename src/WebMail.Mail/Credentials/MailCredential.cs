namespace WebMail.Mail.Credentials;

/// <summary>
/// What a session logs in with. A password today; an OAuth2 access token (XOAUTH2/OAUTHBEARER) plugs in
/// as another subclass. <see cref="ToString"/> never prints the secret.
/// </summary>
public abstract class MailCredential(string userName)
{
    /// <summary>The IMAP/SMTP user name.</summary>
    public string UserName { get; } = userName;

    public override string ToString() => $"{GetType().Name}({UserName}, secret redacted)";
}

/// <summary>A user name and password, used with IMAP LOGIN or SASL PLAIN.</summary>
/// <param name="clientAddress">
/// The address of the user's browser, when known: sent to the IMAP server (IMAP ID <c>x-originating-ip</c>) before
/// every login with this credential, so the server's own failure penalties and logs name the user, not WebMail.
/// </param>
public sealed class PasswordCredential(string userName, string password, string? clientAddress = null) : MailCredential(userName)
{
    public string Password { get; } = password;

    /// <summary>The user's own (browser) address, or null when unknown.</summary>
    public string? ClientAddress { get; } = clientAddress;
}

/// <summary>Supplies the current credential of a signed-in user; the pool asks it at every (re)connect.</summary>
public interface IMailCredentialSource
{
    /// <summary>The credential for <paramref name="userName"/>, or null when that user is no longer signed in.</summary>
    ValueTask<MailCredential?> GetCredentialAsync(string userName, CancellationToken cancellationToken = default);
}

/// <summary>An OAuth2 access token for the user, used with SASL XOAUTH2 or OAUTHBEARER.</summary>
public sealed class OAuthCredential(string userName, string accessToken) : MailCredential(userName)
{
    public string AccessToken { get; } = accessToken;
}
