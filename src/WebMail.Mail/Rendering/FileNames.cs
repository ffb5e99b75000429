using System.Text;

namespace WebMail.Mail.Rendering;

/// <summary>Makes a sender-chosen file name safe to offer for download.</summary>
public static class FileNames
{
    private const int MaxLength = 120;

    /// <summary>Drops any path, control and reserved characters and trims the length, keeping the extension.</summary>
    public static string Safe(string? name, string fallback)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return fallback;
        }

        var last = name.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var sb = new StringBuilder(last.Length);
        foreach (var c in last)
        {
            sb.Append(char.IsControl(c) || c is '"' or '<' or '>' or '|' or ':' or '*' or '?' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? '_' : c);
        }

        var safe = sb.ToString().Trim().TrimStart('.').Trim();
        if (safe.Length > MaxLength)
        {
            var ext = Path.GetExtension(safe);
            ext = ext.Length is > 0 and <= 10 ? ext : "";
            safe = safe[..(MaxLength - ext.Length)] + ext;
        }

        return safe.Length == 0 ? fallback : safe;
    }
}
