using System.ComponentModel.DataAnnotations;

namespace WebMail.Web.Mail;

/// <summary>Reading mail. Bound from <c>WebMail:Reading</c>.</summary>
public sealed class ReadingOptions
{
    public const string SectionName = "WebMail:Reading";

    /// <summary>
    /// The authserv-id your own border mail server writes in Authentication-Results (e.g. "mx.example.com"). The reader's
    /// sender verdict ("Verified example.com" / "Could not verify this sender") comes only from the topmost such field;
    /// fields with other ids, and any below it, are ignored. Empty (the default): no verdict is shown.
    /// </summary>
    [RegularExpression(@"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252}[A-Za-z0-9])?$", ErrorMessage = "WebMail:Reading:TrustedAuthServId must be the authserv-id your mail server writes in Authentication-Results (a host name such as mx.example.com), or empty for no sender verdict.")]
    public string TrustedAuthServId { get; set; } = "";
}
