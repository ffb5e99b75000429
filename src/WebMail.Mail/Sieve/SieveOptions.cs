using WebMail.Mail.Configuration;

namespace WebMail.Mail.Sieve;

/// <summary>
/// The ManageSieve server (RFC 5804) that keeps the users' filters and vacation replies, bound from <c>WebMail:Sieve</c>.
/// Host and trusted certificate default to the IMAP server's; the login is the IMAP login (password or OAuth2 token).
/// </summary>
public sealed class SieveOptions : MailServerOptions
{
    public const string SectionName = "WebMail:Sieve";

    public SieveOptions()
    {
        Port = 4190;
        Security = MailSecurity.StartTls;
    }

    /// <summary>Filters and vacation replies in the settings; false for mail servers without ManageSieve.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The name of the script WebMail writes and activates.</summary>
    public string ScriptName { get; set; } = "webmail";
}
