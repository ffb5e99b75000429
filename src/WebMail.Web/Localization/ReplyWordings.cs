using System.Globalization;
using Microsoft.Extensions.Localization;
using WebMail.Mail.Compose;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Localization;

/// <summary>
/// The attribution of a reply ("Am Fr. 20. Nov. 2026 13:00 schrieb Bob:") and the header of a forwarded message in
/// the user's language, the original's date in the user's culture and time zone.
/// </summary>
public static class ReplyWordings
{
    public static ReplyWording Of(IStringLocalizer l, UserTime time)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(time);
        return Of(l, time.Zone, CultureInfo.CurrentCulture);
    }

    /// <summary>The words as <paramref name="l"/> says them now, with dates in <paramref name="zone"/> and <paramref name="culture"/>.</summary>
    public static ReplyWording Of(IStringLocalizer l, TimeZoneInfo zone, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(l);
        return new ReplyWording(
            l["On {0}, {1} wrote:"], l["---------- Forwarded message ----------"],
            l["From:"], l["Date:"], l["Subject:"], l["To:"], l["someone"],
            date => Dates.Long(date, zone, culture));
    }
}
