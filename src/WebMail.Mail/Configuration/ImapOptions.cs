using System.ComponentModel.DataAnnotations;

namespace WebMail.Mail.Configuration;

/// <summary>How to reach the IMAP server. Bound from the <c>WebMail:Imap</c> configuration section.</summary>
public sealed class ImapOptions
{
    public const string SectionName = "WebMail:Imap";

    /// <summary>Host name or address of the IMAP server. Required.</summary>
    [Required(ErrorMessage = "WebMail:Imap:Host is missing: set it to the host name of your IMAP server (for example imap.example.com).")]
    public string Host { get; set; } = "";

    /// <summary>TCP port of the IMAP server (143 for STARTTLS, 993 for implicit TLS).</summary>
    [Range(1, 65535, ErrorMessage = "WebMail:Imap:Port must be a TCP port between 1 and 65535.")]
    public int Port { get; set; } = 993;

    /// <summary>Transport security: <c>SslOnConnect</c> (port 993), <c>StartTls</c> (port 143) or <c>None</c> (loopback only).</summary>
    public MailSecurity Security { get; set; } = MailSecurity.SslOnConnect;

    /// <summary>
    /// Optional path to a PEM certificate that is trusted in addition to the system store, for a server
    /// with a self-signed certificate (the local development stack). Leave empty in production.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>Seconds to wait for the server to connect or answer a command.</summary>
    [Range(1, 600, ErrorMessage = "WebMail:Imap:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>Transport security for IMAP and SMTP connections.</summary>
public enum MailSecurity
{
    /// <summary>TLS from the first byte (IMAPS, port 993).</summary>
    SslOnConnect,

    /// <summary>Plain connection upgraded with STARTTLS, which must succeed.</summary>
    StartTls,

    /// <summary>No TLS at all. Only for a server on the same machine.</summary>
    None,
}
