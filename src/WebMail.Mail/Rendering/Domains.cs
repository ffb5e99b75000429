namespace WebMail.Mail.Rendering;

/// <summary>
/// Domain comparisons for DMARC-style relaxed alignment (RFC 7489 §3.1): two domains are aligned when their
/// organizational domains are the same. The organizational domain is approximated without the Public Suffix List:
/// the last two labels, or three under a known two-label public suffix ("example.co.uk") or a ccTLD's usual second
/// level ("example.com.au", "example.ne.jp").
/// </summary>
public static class Domains
{
    /// <summary>Second-level labels that are public registries under most two-letter country codes.</summary>
    private static readonly HashSet<string> CountrySecondLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        "co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "go", "gv", "mil", "nom", "sch", "ltd", "plc", "gob", "gen", "nic",
    };

    /// <summary>Two-label public suffixes outside that pattern that mail commonly comes from.</summary>
    private static readonly HashSet<string> KnownSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "me.uk", "in.ua", "com.de", "us.com", "uk.com", "eu.com", "gr.com", "br.com", "cn.com", "de.com", "jpn.com", "za.com",
        "blogspot.com", "github.io", "gitlab.io", "herokuapp.com", "azurewebsites.net", "cloudfront.net", "appspot.com",
        "amazonaws.com", "onmicrosoft.com", "pages.dev", "workers.dev", "netlify.app", "vercel.app", "firebaseapp.com",
    };

    /// <summary>The same domain, ignoring case and a trailing dot.</summary>
    public static bool Same(string a, string b) => Normalize(a).Equals(Normalize(b), StringComparison.Ordinal);

    /// <summary>Relaxed alignment: the same organizational domain.</summary>
    public static bool Aligned(string a, string b) =>
        Normalize(a).Length > 0 && OrganizationalDomain(a).Equals(OrganizationalDomain(b), StringComparison.Ordinal);

    /// <summary>The registrable domain ("mail.example.co.uk" → "example.co.uk"), lower case.</summary>
    public static string OrganizationalDomain(string domain)
    {
        var labels = Normalize(domain).Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length <= 2)
        {
            return string.Join('.', labels);
        }

        var lastTwo = $"{labels[^2]}.{labels[^1]}";
        var suffixLabels = KnownSuffixes.Contains(lastTwo) || (labels[^1].Length == 2 && CountrySecondLevels.Contains(labels[^2])) ? 2 : 1;
        return string.Join('.', labels[^(suffixLabels + 1)..]);
    }

    private static string Normalize(string domain) => domain.Trim().TrimStart('@').TrimEnd('.').ToLowerInvariant();
}
