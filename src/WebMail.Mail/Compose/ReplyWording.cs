using System.Globalization;

namespace WebMail.Mail.Compose;

/// <summary>
/// The words of a quoted original in the writer's language: the attribution line of a reply and the header of a
/// forwarded block, with the date as the writer reads dates (culture and time zone). The Web layer makes one from the
/// user's language; <see cref="English"/> is the default.
/// </summary>
/// <param name="Wrote">"On {0}, {1} wrote:" ({0} the date, {1} the sender).</param>
/// <param name="Forwarded">"---------- Forwarded message ----------".</param>
/// <param name="From">"From:" (labels carry their own colon: French puts a space before it).</param>
/// <param name="Someone">The sender when the original has none.</param>
/// <param name="FormatDate">The original's date as the writer reads it.</param>
public sealed record ReplyWording(
    string Wrote, string Forwarded, string From, string Date, string Subject, string To, string Someone, Func<DateTimeOffset, string> FormatDate)
{
    public static ReplyWording English { get; } = new(
        "On {0}, {1} wrote:", "---------- Forwarded message ----------", "From:", "Date:", "Subject:", "To:", "someone",
        date => date.ToString("ddd, d MMM yyyy HH:mm", CultureInfo.InvariantCulture));
}
