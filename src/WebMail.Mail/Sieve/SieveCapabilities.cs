namespace WebMail.Mail.Sieve;

/// <summary>What a ManageSieve server announced (RFC 5804 section 1.7).</summary>
public sealed record SieveCapabilities(
    string Implementation,
    IReadOnlySet<string> SieveExtensions,
    IReadOnlySet<string> SaslMechanisms,
    bool StartTls,
    string? Version,
    int? MaxRedirects)
{
    public static SieveCapabilities Parse(IEnumerable<(string Name, string? Value)> lines)
    {
        string implementation = "", version = "";
        var extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sasl = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var startTls = false;
        int? maxRedirects = null;
        foreach (var (name, value) in lines)
        {
            switch (name.ToUpperInvariant())
            {
                case "IMPLEMENTATION": implementation = value ?? ""; break;
                case "SIEVE": extensions.UnionWith(Words(value)); break;
                case "SASL": sasl.UnionWith(Words(value)); break;
                case "STARTTLS": startTls = true; break;
                case "VERSION": version = value ?? ""; break;
                case "MAXREDIRECTS" when int.TryParse(value, out var max): maxRedirects = max; break;
            }
        }

        return new SieveCapabilities(implementation, extensions, sasl, startTls, version.Length > 0 ? version : null, maxRedirects);
    }

    /// <summary>Whether the server runs Sieve extension <paramref name="extension"/> (e.g. "vacation", "date").</summary>
    public bool Supports(string extension) => SieveExtensions.Contains(extension);

    private static string[] Words(string? value) => (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
