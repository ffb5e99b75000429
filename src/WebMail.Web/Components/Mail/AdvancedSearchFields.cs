using System.Globalization;
using System.Text;

namespace WebMail.Web.Components.Mail;

/// <summary>What the advanced form built: the search text for the box, and the scope.</summary>
public sealed record AdvancedSearchResult(string Text, bool AllFolders);

/// <summary>
/// The advanced form's fields and the search text they make: the operators anyone can type in the box
/// (<c>from:"Ann Lee" subject:invoice has:attachment after:2026-01-31 larger:500k</c>).
/// </summary>
public sealed class AdvancedSearchFields
{
    /// <summary>The folder choice that means every folder; a folder's own choice is <see cref="FolderChoice"/>.</summary>
    public const string AllFolders = "all";

    /// <summary>The folder choice that names one folder (so no folder name is mistaken for "all").</summary>
    public static string FolderChoice(string path) => "in:" + path;

    public string? From { get; set; }

    public string? To { get; set; }

    public string? Subject { get; set; }

    /// <summary>Free text: words (and operators) as typed, searched in from, to, cc, subject and body.</summary>
    public string? Words { get; set; }

    public DateOnly? After { get; set; }

    public DateOnly? Before { get; set; }

    public int? LargerThanKb { get; set; }

    /// <summary>Empty for the folder shown, <see cref="AllFolders"/>, or <see cref="FolderChoice"/> of a folder.</summary>
    public string? Folder { get; set; }

    public bool HasAttachment { get; set; }

    public bool Unread { get; set; }

    public bool Flagged { get; set; }

    /// <summary>The search text; a folder other than <paramref name="currentFolder"/> is named with <c>in:</c>.</summary>
    public string ToQueryText(string? currentFolder = null)
    {
        var text = new StringBuilder();
        Add(text, "from:", From);
        Add(text, "to:", To);
        Add(text, "subject:", Subject);
        if (!string.IsNullOrWhiteSpace(Words))
        {
            Append(text, Words.Trim());
        }

        if (HasAttachment)
        {
            Append(text, "has:attachment");
        }

        if (Unread)
        {
            Append(text, "is:unread");
        }

        if (Flagged)
        {
            Append(text, "is:flagged");
        }

        if (After is { } after)
        {
            Append(text, "after:" + after.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (Before is { } before)
        {
            Append(text, "before:" + before.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (LargerThanKb is > 0 and var kb)
        {
            Append(text, string.Create(CultureInfo.InvariantCulture, $"larger:{kb}k"));
        }

        if (Folder is { } choice && choice.StartsWith("in:", StringComparison.Ordinal) && choice[3..] is var path && path != currentFolder)
        {
            Add(text, "in:", path);
        }

        return text.ToString();
    }

    /// <summary>
    /// The fields of search text already in the box, so the form opens on what is being searched: each operator the
    /// form has goes into its field; anything else (more words, negations, other operators) stays in "Has the words"
    /// as typed. Text that combines terms (OR, parentheses) is left whole in that field, where it keeps its meaning.
    /// </summary>
    public static AdvancedSearchFields FromQueryText(string? text, bool allFolders = false)
    {
        var fields = new AdvancedSearchFields { Folder = allFolders ? AllFolders : null };
        if (string.IsNullOrWhiteSpace(text))
        {
            return fields;
        }

        var terms = Terms(text.Trim());
        if (terms.Any(t => t is "OR" or "|" || t.Contains('(', StringComparison.Ordinal) || t.Contains(')', StringComparison.Ordinal)))
        {
            fields.Words = text.Trim();
            return fields;
        }

        var words = new List<string>();
        foreach (var term in terms)
        {
            if (!fields.TryTake(term))
            {
                words.Add(term);
            }
        }

        fields.Words = words.Count > 0 ? string.Join(' ', words) : null;
        return fields;
    }

    /// <summary>Puts one term into its field; false when the form has no field for it (or that field is taken).</summary>
    private bool TryTake(string term)
    {
        var colon = term.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || term.StartsWith('-'))
        {
            return false;
        }

        var (op, value) = (term[..colon].ToLowerInvariant(), Unquote(term[(colon + 1)..]));
        switch (op)
        {
            case "from" when From is null && value.Length > 0:
                From = value;
                return true;
            case "to" when To is null && value.Length > 0:
                To = value;
                return true;
            case "subject" when Subject is null && value.Length > 0:
                Subject = value;
                return true;
            case "has" when value.Equals("attachment", StringComparison.OrdinalIgnoreCase):
                HasAttachment = true;
                return true;
            case "is" when value.Equals("unread", StringComparison.OrdinalIgnoreCase):
                Unread = true;
                return true;
            case "is" when value.Equals("flagged", StringComparison.OrdinalIgnoreCase):
                Flagged = true;
                return true;
            case "after" when After is null && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var after):
                After = after;
                return true;
            case "before" when Before is null && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var before):
                Before = before;
                return true;
            case "larger" when LargerThanKb is null && value.EndsWith('k') && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) && kb > 0:
                LargerThanKb = kb;
                return true;
            case "in" when value.Length > 0 && Folder is null or "":
                Folder = value.Equals("all", StringComparison.OrdinalIgnoreCase) ? AllFolders : FolderChoice(value);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The box's terms: runs of text between spaces, a quoted part (with its spaces) kept whole.</summary>
    private static List<string> Terms(string text)
    {
        var terms = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (char.IsWhiteSpace(c) && !quoted)
            {
                if (current.Length > 0)
                {
                    terms.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            terms.Add(current.ToString());
        }

        return terms;
    }

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static void Add(StringBuilder text, string op, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            Append(text, op + Quote(value.Trim()));
        }
    }

    /// <summary>A value with spaces, quotes or parentheses is quoted (quotes inside it are dropped: the box has no escapes).</summary>
    private static string Quote(string value) =>
        value.Any(c => char.IsWhiteSpace(c) || c is '"' or '(' or ')') ? $"\"{value.Replace("\"", "", StringComparison.Ordinal)}\"" : value;

    private static void Append(StringBuilder text, string term)
    {
        if (text.Length > 0)
        {
            text.Append(' ');
        }

        text.Append(term);
    }
}
