using System.Globalization;

namespace WebMail.Mail.Search;

/// <summary>Where a free-text word is looked for.</summary>
public enum TextField
{
    /// <summary>From, To, Cc, Subject or the body.</summary>
    Any,
    From,
    To,
    Cc,
    Subject,
    Body,
}

/// <summary>The message states <c>is:</c> knows.</summary>
public enum MessageState
{
    Unread,
    Read,
    Flagged,
    Answered,
}

/// <summary>
/// One condition of a parsed search. <see cref="object.ToString"/> gives a canonical form (the tests compare it):
/// operators as typed, negation as <c>-</c>, groups in parentheses.
/// </summary>
public abstract record SearchTerm;

public sealed record TextTerm(TextField Field, string Text) : SearchTerm
{
    public override string ToString() => Field == TextField.Any ? Quote(Text) : $"{Field.ToString().ToLowerInvariant()}:{Quote(Text)}";

    internal static string Quote(string text) => text.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ':') ? $"\"{text}\"" : text;
}

public sealed record StateTerm(MessageState State) : SearchTerm
{
    public override string ToString() => $"is:{State.ToString().ToLowerInvariant()}";
}

/// <summary><c>has:attachment</c>: see <see cref="SearchQueryBuilder"/> for how it is asked of the server.</summary>
public sealed record AttachmentTerm : SearchTerm
{
    public override string ToString() => "has:attachment";
}

/// <summary>Sent before (strictly) or on/after a day, disregarding time and time zone (IMAP SENTBEFORE/SENTSINCE).</summary>
public sealed record DateTerm(bool Before, DateOnly Date) : SearchTerm
{
    public override string ToString() => (Before ? "before:" : "after:") + Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Larger or smaller than a size in bytes (IMAP LARGER/SMALLER, strict).</summary>
public sealed record SizeTerm(bool Larger, long Bytes) : SearchTerm
{
    public override string ToString() => (Larger ? "larger:" : "smaller:") + Bytes.ToString(CultureInfo.InvariantCulture);
}

/// <summary><c>label:</c>, an IMAP keyword.</summary>
public sealed record KeywordTerm(string Keyword) : SearchTerm
{
    public override string ToString() => $"label:{Keyword}";
}

public sealed record NotTerm(SearchTerm Term) : SearchTerm
{
    public override string ToString() => $"-{Term}";
}

public sealed record AndTerm(IReadOnlyList<SearchTerm> Terms) : SearchTerm
{
    public override string ToString() => $"({string.Join(' ', Terms)})";
}

public sealed record OrTerm(IReadOnlyList<SearchTerm> Terms) : SearchTerm
{
    public override string ToString() => $"({string.Join(" OR ", Terms)})";
}

/// <summary>A search as understood: its condition (null: every message) and where to look.</summary>
/// <param name="Folder">The folder named by <c>in:</c>, as typed (resolved against the folder list later), or null.</param>
/// <param name="AllFolders">True for <c>in:all</c> / <c>in:anywhere</c>.</param>
public sealed record ParsedSearch(SearchTerm? Condition, string? Folder = null, bool AllFolders = false)
{
    public static ParsedSearch Empty { get; } = new(Condition: null);

    public override string ToString() => Condition?.ToString() ?? "";
}
