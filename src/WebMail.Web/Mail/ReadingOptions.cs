using System.ComponentModel.DataAnnotations;

namespace WebMail.Web.Mail;

/// <summary>Reading mail. Bound from <c>WebMail:Reading</c>.</summary>
public sealed class ReadingOptions
{
    public const string SectionName = "WebMail:Reading";

    /// <summary>
    /// Seconds after a message's body is on screen before it is marked read: 0 marks it read as soon as it is shown,
    /// -1 never (the reader marks it with "Mark read"). Marking read never delays showing the message.
    /// </summary>
    [Range(-1, 3600, ErrorMessage = "WebMail:Reading:MarkAsReadAfterSeconds must be -1 (never), 0 (at once) or a number of seconds up to 3600.")]
    public int MarkAsReadAfterSeconds { get; set; }
}
