using System.Text.RegularExpressions;

namespace WebMail.Web.Account;

/// <summary>
/// A User-Agent header in a few words a person recognises ("Chrome 131 on Linux", "Firefox 133 on Windows"),
/// for "Signed-in devices". Only the well-known browser and system tokens are read; anything else is "Unknown browser".
/// </summary>
public static partial class UserAgentSummary
{
    public const string Unknown = "Unknown browser";

    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg", "Edge"), ("OPR", "Opera"), ("SamsungBrowser", "Samsung Internet"), ("Firefox", "Firefox"), ("FxiOS", "Firefox"),
        ("CriOS", "Chrome"), ("HeadlessChrome", "Headless Chrome"), ("Chromium", "Chromium"), ("Chrome", "Chrome"), ("Version", "Safari"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"), ("Macintosh", "macOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }

        userAgent = userAgent[..Math.Min(userAgent.Length, 512)];
        string? browser = null;
        foreach (var (token, name) in Browsers)
        {
            var match = VersionPattern().Match(userAgent, 0);
            for (; match.Success; match = match.NextMatch())
            {
                if (match.Groups["name"].Value == token)
                {
                    browser = $"{name} {match.Groups["major"].Value}";
                    break;
                }
            }

            if (browser is not null)
            {
                break;
            }
        }

        var system = Systems.FirstOrDefault(s => userAgent.Contains(s.Token, StringComparison.Ordinal)).Name;
        return (browser, system) switch
        {
            (null, null) => Unknown,
            (null, _) => $"{Unknown} on {system}",
            (_, null) => browser,
            _ => $"{browser} on {system}",
        };
    }

    [GeneratedRegex(@"(?<name>[A-Za-z]+)/(?<major>\d{1,4})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex VersionPattern();
}
