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
