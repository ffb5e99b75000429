using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WebMail.Web.Data;

/// <summary>A label the settings refuse (empty or too long name, name taken, bad colour); the message is a sentence for the user.</summary>
public sealed class LabelRefusedException(string message) : Exception(message);

/// <summary>The rules labels follow: names, colours, the keywords derived from names, what is never a label.</summary>
public static class LabelRules
{
    public const int NameMaxLength = 40;

    public const int KeywordMaxLength = 64;

    /// <summary>How many labels of their own a user can keep.</summary>
    public const int MaxLabels = 100;

    /// <summary>The colour of a keyword the user never named.</summary>
    public const string NeutralColour = "#e1e4e8";

    /// <summary>Thunderbird's five, with its names and colours.</summary>
    public static readonly IReadOnlyList<LabelDefinition> Thunderbird =
    [
        new("$label1", "Important", "#ff0000"),
        new("$label2", "Work", "#ff9900"),
        new("$label3", "Personal", "#009900"),
        new("$label4", "To Do", "#3333ff"),
        new("$label5", "Later", "#993399"),
    ];

    private static readonly HashSet<string> SystemKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "$Junk", "$NotJunk", "Junk", "NonJunk", "NotJunk", "$Forwarded", "$MDNSent", "$Phishing", "$SubmitPending", "$Submitted",
        // Dovecot marks every message it has parsed (mail_attachment_detection_options = add-flags).
        "$HasAttachment", "$HasNoAttachment",
        // WebMail's own note of the answer given to a calendar invitation (WebMail.Mail.Calendar.Invitations.Keyword).
        "$InviteAccepted", "$InviteTentative", "$InviteDeclined",
    };

    /// <summary>Keywords the mail system uses for itself (spam marks, sent receipts, <c>\Seen</c> and the other flags): never shown as labels.</summary>
    public static bool IsSystemKeyword(string keyword) => keyword.StartsWith('\\') || SystemKeywords.Contains(keyword);

    /// <summary>The trimmed name, or a refusal saying what is wrong with it.</summary>
    public static string CheckName(string? name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0)
        {
            throw new LabelRefusedException("Give the label a name.");
        }

        if (trimmed.Length > NameMaxLength)
        {
            throw new LabelRefusedException($"A label name can have at most {NameMaxLength} characters; this one has {trimmed.Length}.");
        }

        if (trimmed.Any(char.IsControl))
        {
            throw new LabelRefusedException("A label name cannot contain line breaks or tabs.");
        }

        return trimmed;
    }

    /// <summary>True for "#rrggbb" (hexadecimal digits, either case).</summary>
    public static bool IsColour(string? colour) => colour is { Length: 7 } && colour[0] == '#' && colour.Skip(1).All(char.IsAsciiHexDigit);

    /// <summary>The colour as "#rrggbb" (lower case; "#rgb" is widened), or a refusal.</summary>
    public static string CheckColour(string? colour)
    {
        var value = (colour ?? "").Trim();
        if (value.Length == 4 && value[0] == '#' && value.Skip(1).All(char.IsAsciiHexDigit))
        {
            value = string.Concat("#", value[1], value[1], value[2], value[2], value[3], value[3]);
        }

        if (!IsColour(value))
        {
            throw new LabelRefusedException($"\"{colour}\" is not a colour: write # and six hexadecimal digits, like #3366cc.");
        }

        return value.ToLowerInvariant();
    }

    /// <summary>
    /// The keyword a new label with this name gets: its ASCII letters, digits, '_' and '-', spaces as '_', other ASCII
    /// punctuation left out; a name with any non-ASCII character (or nothing left) gets <c>$wm_</c> and a short hash of the name.
    /// </summary>
    public static string KeywordFor(string name)
    {
        var trimmed = name.Trim();
        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (!char.IsAscii(c))
            {
                builder.Clear();
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
            {
                builder.Append(c);
            }
            else if (c == ' ' && builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        var keyword = builder.ToString().TrimEnd('_');
        if (keyword.Length == 0)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(trimmed.ToUpperInvariant()));
            return "$wm_" + Convert.ToHexStringLower(hash.AsSpan(0, 5));
        }

        return keyword.Length > KeywordMaxLength - 4 ? keyword[..(KeywordMaxLength - 4)] : keyword;
    }

    /// <summary>"#000000" or "#ffffff", whichever has the higher contrast against the colour (WCAG relative luminance).</summary>
    public static string TextColourOn(string colour)
    {
        var luminance = Luminance(colour);

        // Contrast with black is (L + 0.05) / 0.05, with white 1.05 / (L + 0.05): black wins above L ≈ 0.179.
        return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? "#000000" : "#ffffff";
    }

    /// <summary>WCAG contrast ratio between two "#rrggbb" colours (1 to 21).</summary>
    public static double Contrast(string first, string second)
    {
        var (a, b) = (Luminance(first), Luminance(second));
        return (Math.Max(a, b) + 0.05) / (Math.Min(a, b) + 0.05);
    }

    private static double Luminance(string colour)
    {
        var rgb = int.Parse(colour.AsSpan(1, 6), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (0.2126 * Channel(rgb >> 16)) + (0.7152 * Channel(rgb >> 8)) + (0.0722 * Channel(rgb));

        static double Channel(int value)
        {
            var c = (value & 0xff) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
    }
}
