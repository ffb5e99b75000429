using System.Globalization;
using Microsoft.Extensions.Localization;
using WebMail.Mail.Calendar;

namespace WebMail.Web.Components.Mail;

/// <summary>An invitation's time for the reader: in the user's time zone and culture, with the organiser's noted where it differs.</summary>
public static class InvitationTimes
{
    /// <summary>"Monday 4 January 2027, 09:00 – 10:00"; "Friday 15 January 2027, all day".</summary>
    public static string Describe(InvitationWhen when, TimeZoneInfo userZone, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (when.AllDay)
        {
            var lastDay = (when.End ?? when.Start.AddDays(1)).AddDays(-1);
            return lastDay.Date <= when.Start.Date
                ? l["{0}, all day", Day(when.Start)]
                : l["{0} – {1}, all day", Day(when.Start), Day(lastDay)];
        }

        var start = when.Floating ? when.Start : TimeZoneInfo.ConvertTime(when.Start, userZone);
        var end = when.End is not { } e ? (DateTimeOffset?)null : when.Floating ? e : TimeZoneInfo.ConvertTime(e, userZone);
        return Range(start, end);
    }

    /// <summary>
    /// "10:00 – 11:00 in Europe/Berlin, the organiser's time zone" when the organiser's clock shows another time than the
    /// user's; "in the organiser's time zone (Customized Time Zone)" for a zone that could not be placed; else null.
    /// </summary>
    public static string? OrganiserNote(InvitationWhen when, TimeZoneInfo userZone, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (when.AllDay || when.TimeZoneId is not { } zone)
        {
            return null;
        }

        if (when.Floating)
        {
            return l["in the organiser's time zone ({0}), which could not be converted to yours", zone];
        }

        return userZone.GetUtcOffset(when.Start) == when.Start.Offset ? null : l["{0} in {1}, the organiser's time zone", Range(when.Start, when.End), zone].Value;
    }

    private static string Range(DateTimeOffset start, DateTimeOffset? end)
    {
        var first = $"{Day(start)}, {Time(start)}";
        return end is not { } e ? first
            : e.Date == start.Date ? $"{first} – {Time(e)}"
            : $"{first} – {Day(e)}, {Time(e)}";
    }

    /// <summary>"Monday 4 January 2027", "Montag, 4. Januar 2027", "lundi 4 janvier 2027": the culture's long date.</summary>
    private static string Day(DateTimeOffset date) => date.ToString(CultureInfo.CurrentCulture.DateTimeFormat.LongDatePattern, CultureInfo.CurrentCulture);

    private static string Time(DateTimeOffset date) => date.ToString(CultureInfo.CurrentCulture.DateTimeFormat.ShortTimePattern, CultureInfo.CurrentCulture);
}
