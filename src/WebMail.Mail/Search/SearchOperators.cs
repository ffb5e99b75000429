using System.Globalization;

namespace WebMail.Mail.Search;

/// <summary><c>in:</c>, only while parsing (it says where to look, not what to match).</summary>
internal sealed record ScopeTerm(string Folder, bool All) : SearchTerm;

/// <summary>The operators: each value checked here, so nothing the server would refuse is ever sent.</summary>
internal static class SearchOperators
{
    public const string Known = "from:, to:, cc:, subject:, body:, has:attachment, is:unread, is:read, is:flagged, is:answered, before:, after:, older_than:, newer_than:, larger:, smaller:, in:, label:";

    public static SearchTerm Read(string op, string value, bool quoted, DateOnly today, Func<string, string?>? labelKeyword = null)
    {
        if (value.Length == 0 && IsKnown(op))
        {
            throw new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchNeedsValue, op, Example(op)));
        }

        if (Field(op) is { } field)
        {
            return new TextTerm(field, value);
        }

        return op switch
        {
            "has" => value.ToLowerInvariant() is "attachment" or "attachments"
                ? new AttachmentTerm()
                : throw new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchUnknownHas, value)),
            "is" => value.ToLowerInvariant() switch
            {
                "unread" => new StateTerm(MessageState.Unread),
                "read" => new StateTerm(MessageState.Read),
                "flagged" or "starred" => new StateTerm(MessageState.Flagged),
                "answered" or "replied" => new StateTerm(MessageState.Answered),
                _ => throw new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchUnknownIs, value)),
            },
            "before" => new DateTerm(true, Date(op, value)),
            "after" => new DateTerm(false, Date(op, value)),
            "older_than" => new DateTerm(true, today.AddDays(-Age(op, value, today))),
            "newer_than" => new DateTerm(false, today.AddDays(-Age(op, value, today))),
            "larger" => new SizeTerm(true, Size(op, value)),
            "smaller" => new SizeTerm(false, Size(op, value)),
            "in" => value.ToLowerInvariant() is "all" or "anywhere" && !quoted ? new ScopeTerm("", true) : new ScopeTerm(value, false),
            "label" => new KeywordTerm(labelKeyword?.Invoke(value) ?? Keyword(value)),
            "keyword" => new KeywordTerm(Keyword(value)),
            _ => throw new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchUnknownOperator, op, Known)),
        };
    }

    private static TextField? Field(string op) => op switch
    {
        "from" => TextField.From,
        "to" => TextField.To,
        "cc" => TextField.Cc,
        "subject" => TextField.Subject,
        "body" => TextField.Body,
        _ => null,
    };

    private static bool IsKnown(string op) =>
        Field(op) is not null || op is "has" or "is" or "before" or "after" or "older_than" or "newer_than" or "larger" or "smaller" or "in" or "label" or "keyword";

    private static string Example(string op) => op switch
    {
        "has" => "has:attachment",
        "is" => "is:unread",
        "before" or "after" => $"{op}:2024-05-31",
        "older_than" or "newer_than" => $"{op}:2w",
        "larger" or "smaller" => $"{op}:500k",
        "in" => "in:inbox",
        "label" or "keyword" => $"{op}:important",
        _ => $"{op}:alice",
    };

    private static DateOnly Date(string op, string value)
    {
        string[] formats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyy-M-d", "yyyy/M/d"];
        return DateOnly.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 1900
            ? date
            : throw new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchBadDate, value, op));
    }

    /// <summary>An age in days: <c>3d</c>, <c>2w</c>, <c>6m</c> (calendar months), <c>1y</c>.</summary>
    private static int Age(string op, string value, DateOnly today)
    {
        var bad = new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchBadAge, value, op));
        if (value.Length < 2 || !int.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
        {
            throw bad;
        }

        var back = char.ToLowerInvariant(value[^1]) switch
        {
            'd' => today.AddDays(-Math.Min(n, 36_500)),
            'w' => today.AddDays(-7 * Math.Min(n, 5_200)),
            'm' => today.AddMonths(-Math.Min(n, 1_200)),
            'y' => today.AddYears(-Math.Min(n, 100)),
            _ => throw bad,
        };
        return today.DayNumber - back.DayNumber;
    }

    /// <summary>A size in bytes: <c>500</c>, <c>10k</c>, <c>2M</c>, <c>1G</c> (binary multiples; an optional trailing b).</summary>
    private static long Size(string op, string value)
    {
        var text = value.ToLowerInvariant();
        if (text.EndsWith('b') && text.Length > 1 && !char.IsAsciiDigit(text[^2]))
        {
            text = text[..^1];
        }

        var multiplier = text.Length == 0 ? 1 : text[^1] switch
        {
            'k' => 1024L,
            'm' => 1024L * 1024,
            'g' => 1024L * 1024 * 1024,
            _ => 1,
        };
        var digits = multiplier == 1 ? text : text[..^1];
        return digits.Length > 0 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= int.MaxValue / multiplier
            ? n * multiplier
            : throw new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchBadSize, value, op));
    }

    /// <summary>An IMAP keyword is an atom: printable ASCII without spaces and ( ) { % * " \ ].</summary>
    private static string Keyword(string value) =>
        value.All(c => c is > ' ' and < (char)0x7F and not '(' and not ')' and not '{' and not '%' and not '*' and not '"' and not '\\' and not ']')
            ? value
            : throw new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchBadLabel, value));
}
