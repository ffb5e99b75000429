using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Security;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;

namespace WebMail.Mail.Sessions;

/// <summary>What IMAP and SMTP connections share: TLS mode, certificate trust, and SASL with a password or an OAuth2 token.</summary>
internal sealed class MailServerAccess
{
    private readonly MailServerOptions _options;
    private readonly string? _trustedThumbprint;
    private readonly TimeProvider _time;

    public MailServerAccess(MailServerOptions options, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        if (!string.IsNullOrWhiteSpace(options.TrustedCertificatePath))
        {
            using var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(options.TrustedCertificatePath));
            _trustedThumbprint = trusted.GetCertHashString();
        }
    }

    public SecureSocketOptions SocketOptions => _options.Security switch
    {
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    /// <summary>Timeout, certificate trust: everything set before connecting. The check tells afterwards why a certificate was refused.</summary>
    public ServerCertificateCheck Configure(MailService client)
    {
        client.Timeout = _options.TimeoutSeconds * 1000;
        var check = new ServerCertificateCheck(_trustedThumbprint, _time);
        client.ServerCertificateValidationCallback = check.Validate;
        return check;
    }

    /// <summary>Logs in with a password (LOGIN/PLAIN) or an access token (OAUTHBEARER or XOAUTH2, as configured and offered).</summary>
    public Task AuthenticateAsync(MailService client, MailCredential credential, CancellationToken cancellationToken) => credential switch
    {
        PasswordCredential password => client.AuthenticateAsync(password.UserName, password.Password, cancellationToken),
        OAuthCredential token => client.AuthenticateAsync(OAuthMechanismFor(client, token), cancellationToken),
        _ => throw new NotSupportedException($"Credential type {credential.GetType().Name} is not supported."),
    };

    private SaslMechanism OAuthMechanismFor(MailService client, OAuthCredential token)
    {
        var offered = client.AuthenticationMechanisms;
        var bearer = _options.OAuthMechanism == OAuthMechanism.OAuthBearer
            || (_options.OAuthMechanism == OAuthMechanism.Auto && offered.Contains("OAUTHBEARER"));
        return bearer
            ? new SaslMechanismOAuthBearer(token.UserName, token.AccessToken)
            : new SaslMechanismOAuth2(token.UserName, token.AccessToken);
    }
}
