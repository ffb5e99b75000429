using Microsoft.Extensions.Localization;

namespace WebMail.Web.Localization;

/// <summary>Lengths of time for people, in their language ("8 hours", "1 Tag 2 Stunden", "30 minutes").</summary>
public static class Durations
{
    public static string Describe(TimeSpan span, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add(span.Days == 1 ? l["1 day"] : l["{0} days", span.Days]);
        }

        if (span.Hours > 0)
        {
            parts.Add(span.Hours == 1 ? l["1 hour"] : l["{0} hours", span.Hours]);
        }

        if (span.Minutes > 0)
        {
            parts.Add(span.Minutes == 1 ? l["1 minute"] : l["{0} minutes", span.Minutes]);
        }

        return parts.Count == 0 ? l["a moment"] : string.Join(' ', parts);
    }
}
