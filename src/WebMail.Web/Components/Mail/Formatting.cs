using System.Globalization;

namespace WebMail.Web.Components.Mail;

/// <summary>Dates as a mail list shows them: time today, day and month this year, full date before.</summary>
public static class Dates
{
    public static string Short(DateTimeOffset date, DateTimeOffset? now = null)
    {
        if (date == DateTimeOffset.MinValue)
        {
            return "";
        }

        var today = (now ?? DateTimeOffset.Now).Date;
        var local = date.ToLocalTime();
        return local.Date == today ? local.ToString("HH:mm", CultureInfo.InvariantCulture)
            : local.Year == today.Year ? local.ToString("d MMM", CultureInfo.InvariantCulture)
            : local.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }

    public static string Long(DateTimeOffset date) =>
        date == DateTimeOffset.MinValue ? "(no date)" : date.ToLocalTime().ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>Byte counts for people.</summary>
public static class Sizes
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB"),
    };
}
