namespace WebMail.Web.Components.Settings;

/// <summary>The values the settings page offers where the choice is not an enum: languages and time zones.</summary>
public static class SettingChoices
{
    /// <summary>The languages WebMail speaks; an empty code follows the browser's <c>Accept-Language</c>.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Languages =
    [
        ("", ""),
        ("en", "English"),
        ("de", "Deutsch"),
        ("fr", "Français"),
    ];

    /// <summary>The server's IANA time zones (as <see cref="TimeZoneInfo.GetSystemTimeZones()"/> lists them), sorted.</summary>
    public static IReadOnlyList<string> TimeZones { get; } =
        [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Length <= 64).Order(StringComparer.Ordinal)];

    /// <summary>The time zone id to store for what the user typed: "" (the browser's) for nothing, null when unknown.</summary>
    public static string? TimeZone(string? typed)
    {
        var id = (typed ?? "").Trim();
        if (id.Length == 0)
        {
            return "";
        }

        return TimeZones.FirstOrDefault(z => string.Equals(z, id, StringComparison.OrdinalIgnoreCase));
    }
}
