using Microsoft.Extensions.Localization;
using WebMail.Web.Components.Mail;
using WebMail.Web.Resources;

namespace WebMail.Web.Localization;

/// <summary>
/// The time zone one tab shows dates in (per request and per circuit): the user's setting when set, else the browser's
/// (the <c>webmail.tz</c> cookie, or what the browser reports at circuit start), else the server's.
/// </summary>
public sealed class UserTime(IStringLocalizer<Strings> localizer, TimeProvider clock)
{
    /// <summary>The cookie wwwroot/js/timezone.js sets on every page with <c>Intl.DateTimeFormat().resolvedOptions().timeZone</c>.</summary>
    public const string BrowserZoneCookie = "webmail.tz";

    public TimeZoneInfo Zone { get; private set; } = clock.LocalTimeZone;

    /// <summary>True when the user chose the zone in the settings (the browser's then does not count).</summary>
    public bool FromSettings { get; private set; }

    /// <summary>The IANA id in use, as handed to the circuit; empty for the server's own zone.</summary>
    public string ZoneId { get; private set; } = "";

    /// <summary>Uses the settings' zone when it is known, else the browser's when it is known.</summary>
    public void Use(string? settingsZone, string? browserZone)
    {
        browserZone = browserZone is null ? null : Uri.UnescapeDataString(browserZone);
        if (Find(settingsZone) is { } chosen)
        {
            (Zone, FromSettings, ZoneId) = (chosen, true, settingsZone!);
        }
        else if (Find(browserZone) is { } browser)
        {
            (Zone, FromSettings, ZoneId) = (browser, false, browserZone!);
        }
    }

    /// <summary>The zone the browser reported at circuit start; true when it changed what dates show.</summary>
    public bool UseBrowser(string? browserZone)
    {
        if (FromSettings || Find(browserZone) is not { } browser || browser.Id == Zone.Id)
        {
            return false;
        }

        (Zone, ZoneId) = (browser, browserZone!);
        return true;
    }

    /// <summary>A list's date: the time today, day and month this year, the date before (user's zone and culture).</summary>
    public string Short(DateTimeOffset date) => Dates.Short(date, Zone, clock.GetUtcNow());

    /// <summary>A reader's date: weekday, date and time (user's zone and culture).</summary>
    public string Long(DateTimeOffset date) => date == DateTimeOffset.MinValue ? localizer["(no date)"] : Dates.Long(date, Zone);

    /// <summary>Only the time of day, in the user's zone.</summary>
    public string TimeOfDay(DateTimeOffset date) => Dates.Time(date, Zone);

    /// <summary>The zone for an IANA (or Windows) id; null when empty or unknown.</summary>
    public static TimeZoneInfo? Find(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }
}
