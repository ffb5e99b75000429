using System.Globalization;
using Microsoft.Extensions.Localization;

namespace WebMail.Web.Components.Mail;

/// <summary>Dates as a mail list shows them: time today, day and month this year, full date before; in the current culture.</summary>
public static class Dates
{
    public static string Short(DateTimeOffset date, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (date == DateTimeOffset.MinValue)
        {
            return "";
        }

        var culture = CultureInfo.CurrentCulture;
        var today = TimeZoneInfo.ConvertTime(now, zone).Date;
        var local = TimeZoneInfo.ConvertTime(date, zone);
        return local.Date == today ? local.ToString(culture.DateTimeFormat.ShortTimePattern, culture)
            : local.Year == today.Year ? local.ToString(DayMonth(culture), culture)
            : local.ToString(culture.DateTimeFormat.ShortDatePattern, culture);
    }

    /// <summary>"Mon, 4 Jan 2027 09:30" in the culture's order ("Mo., 4. Jan. 2027 09:30", "lun. 4 janv. 2027 09:30").</summary>
    public static string Long(DateTimeOffset date, TimeZoneInfo zone, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var local = TimeZoneInfo.ConvertTime(date, zone);
        return local.ToString("ddd", culture) + " " + local.ToString(DayMonth(culture) + " yyyy", culture) + " "
            + local.ToString(culture.DateTimeFormat.ShortTimePattern, culture);
    }

    /// <summary>"4 Jan 2027", "4. Jan. 2027", "4 janv. 2027": a day without a zone (the date as written).</summary>
    public static string Day(DateTimeOffset date) => date.ToString(DayMonth(CultureInfo.CurrentCulture) + " yyyy", CultureInfo.CurrentCulture);

    public static string Time(DateTimeOffset date, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(date, zone).ToString(CultureInfo.CurrentCulture.DateTimeFormat.ShortTimePattern, CultureInfo.CurrentCulture);

    /// <summary>The culture's day-and-month pattern with the month abbreviated ("d MMM", "d. MMM", "MMM d").</summary>
    private static string DayMonth(CultureInfo culture) => culture.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal);
}

/// <summary>Byte counts for people, in the current culture ("1.5 MB", "1,5 MB", "1,5 Mo").</summary>
public static class Sizes
{
    public static string Format(long bytes, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var culture = CultureInfo.CurrentCulture;
        return bytes switch
        {
            < 1024 => localizer["{0} B", bytes.ToString(culture)],
            < 1024 * 1024 => localizer["{0} KB", (bytes / 1024.0).ToString("0", culture)],
            _ => localizer["{0} MB", (bytes / (1024.0 * 1024)).ToString("0.0", culture)],
        };
    }
}
