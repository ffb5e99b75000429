namespace WebMail.Mail.Configuration;

/// <summary>How to reach one mail server (IMAP or SMTP submission).</summary>
public abstract class MailServerOptions
{
    /// <summary>Host name or address of the server. Required.</summary>
    public string Host { get; set; } = "";

    /// <summary>TCP port of the server.</summary>
    public int Port { get; set; }

    /// <summary>Transport security: <c>SslOnConnect</c>, <c>StartTls</c> (must succeed) or <c>None</c> (loopback only).</summary>
    public MailSecurity Security { get; set; } = MailSecurity.SslOnConnect;

    /// <summary>
    /// Optional path to a PEM certificate that is trusted in addition to the system store, for a server
    /// with a self-signed certificate (the local development stack). Leave empty in production.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>Seconds to wait for the server to connect or answer a command.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Which SASL mechanism carries an OAuth2 access token: <c>Auto</c> (OAUTHBEARER if offered, else XOAUTH2), <c>XOAuth2</c> or <c>OAuthBearer</c>.</summary>
    public OAuthMechanism OAuthMechanism { get; set; } = OAuthMechanism.Auto;

    /// <summary>"host:port", for messages.</summary>
    public string ServerName => $"{Host}:{Port}";
}

/// <summary>Transport security for IMAP and SMTP connections.</summary>
public enum MailSecurity
{
    /// <summary>TLS from the first byte (IMAPS 993, SMTPS 465).</summary>
    SslOnConnect,

    /// <summary>Plain connection upgraded with STARTTLS, which must succeed.</summary>
    StartTls,

    /// <summary>No TLS at all. Only for a server on the same machine.</summary>
    None,
}

/// <summary>The SASL mechanism used with an OAuth2 access token.</summary>
public enum OAuthMechanism
{
    /// <summary>OAUTHBEARER (RFC 7628) when the server offers it, else XOAUTH2.</summary>
    Auto,

    /// <summary>Google's and Microsoft's XOAUTH2.</summary>
    XOAuth2,

    /// <summary>RFC 7628 OAUTHBEARER.</summary>
    OAuthBearer,
}

/// <summary>IMAP server settings, bound from <c>WebMail:Imap</c>.</summary>
public sealed class ImapOptions : MailServerOptions
{
    public const string SectionName = "WebMail:Imap";

    public ImapOptions() => Port = 993;
}

/// <summary>SMTP submission settings, bound from <c>WebMail:Smtp</c>.</summary>
public sealed class SmtpOptions : MailServerOptions
{
    public const string SectionName = "WebMail:Smtp";

    public SmtpOptions()
    {
        Port = 587;
        Security = MailSecurity.StartTls;
    }
}
