using System.ComponentModel.DataAnnotations;

namespace WebMail.Mail.Configuration;

/// <summary>Lifetime of the per-user IMAP session. Bound from <c>WebMail:Session</c>.</summary>
public sealed class MailSessionOptions
{
    public const string SectionName = "WebMail:Session";

    /// <summary>Seconds a user's IMAP connection stays open after the last tab of that user closed.</summary>
    [Range(0, 86400, ErrorMessage = "WebMail:Session:CloseAfterSeconds must be between 0 and 86400.")]
    public int CloseAfterSeconds { get; set; } = 300;

    /// <summary>Longest wait, in milliseconds, between two reconnect attempts after the server dropped the connection.</summary>
    [Range(100, 600000, ErrorMessage = "WebMail:Session:MaxReconnectDelayMilliseconds must be between 100 and 600000.")]
    public int MaxReconnectDelayMilliseconds { get; set; } = 10000;

    /// <summary>
    /// Seconds an IDLE runs before it is left and re-entered, below servers' time-outs (Gmail drops idle connections after
    /// about 10 minutes). Servers that check for new mail only on their own timer during IDLE (Courier, UW imapd, Cyrus
    /// by default: every 60 s) check at once when IDLE is re-entered, so 10–20 s there brings new mail in that time.
    /// </summary>
    [Range(5, 1740, ErrorMessage = "WebMail:Session:IdleRearmSeconds must be between 5 and 1740 (29 minutes, the IMAP limit).")]
    public int IdleRearmSeconds { get; set; } = 540;

    /// <summary>Seconds between NOOP polls on a server without IDLE.</summary>
    [Range(2, 3600, ErrorMessage = "WebMail:Session:PollIntervalSeconds must be between 2 and 3600.")]
    public int PollIntervalSeconds { get; set; } = 30;

    /// <summary>Largest text part, in bytes, shown in the message view; longer bodies are cut with a notice.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "WebMail:Session:MaxDisplayedBodyBytes must be between 1024 and 67108864.")]
    public int MaxDisplayedBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Largest HTML part, in bytes, that is sanitized and shown; a larger one is offered as plain text or as a download instead.</summary>
    [Range(64 * 1024, 64 * 1024 * 1024, ErrorMessage = "WebMail:Session:MaxSanitizedHtmlBytes must be between 65536 and 67108864.")]
    public int MaxSanitizedHtmlBytes { get; set; } = 5 * 1024 * 1024;
}
