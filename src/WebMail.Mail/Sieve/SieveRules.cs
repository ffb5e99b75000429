namespace WebMail.Mail.Sieve;

/// <summary>What a condition looks at.</summary>
public enum RuleField
{
    From,
    To,
    Cc,
    Subject,
    Header,
    Size,
    Body,
}

/// <summary>How a condition compares: text (contains, is, matches with * and ?) or size (over, under).</summary>
public enum RuleMatch
{
    Contains,
    Is,
    Matches,
    Over,
    Under,
}

/// <summary>What a rule does with a message that matched.</summary>
public enum RuleActionKind
{
    MoveTo,
    CopyTo,
    Label,
    MarkRead,
    Flag,
    Forward,
    Redirect,
    Reject,
    Discard,
    Stop,
}

/// <summary>One test of a rule. <see cref="HeaderName"/> for <see cref="RuleField.Header"/>; sizes are in kilobytes.</summary>
public sealed record RuleCondition(RuleField Field, RuleMatch Match, string Value, string HeaderName = "");

/// <summary>One action (<see cref="RuleActionKind.Forward"/> keeps a copy, <see cref="RuleActionKind.Redirect"/> does not); <see cref="Argument"/> is the folder, label keyword, address or reject reason where the kind needs one.</summary>
public sealed record RuleAction(RuleActionKind Kind, string Argument = "");

/// <summary>A filter rule: its name, whether all or any condition must hold, and its actions in order.</summary>
public sealed record SieveRule(string Name, bool Enabled, bool MatchAll, IReadOnlyList<RuleCondition> Conditions, IReadOnlyList<RuleAction> Actions)
{
    /// <summary>Whether the action needs an argument (folder, keyword, address, reason).</summary>
    public static bool NeedsArgument(RuleActionKind kind) =>
        kind is RuleActionKind.MoveTo or RuleActionKind.CopyTo or RuleActionKind.Label or RuleActionKind.Forward or RuleActionKind.Redirect or RuleActionKind.Reject;

    /// <summary>Whether the action's argument is a folder.</summary>
    public static bool NeedsFolder(RuleActionKind kind) => kind is RuleActionKind.MoveTo or RuleActionKind.CopyTo;

    /// <summary>Whether the action's argument is an address to forward to.</summary>
    public static bool NeedsAddress(RuleActionKind kind) => kind is RuleActionKind.Forward or RuleActionKind.Redirect;

    /// <summary>
    /// Reads a size as people write it: a whole number of kilobytes ("500"), or with a unit K, KB, M, MB, G or GB
    /// ("500K", "10 MB", case and spaces free). Returns false for anything else.
    /// </summary>
    public static bool TryParseKilobytes(string text, out ulong kilobytes)
    {
        kilobytes = 0;
        var value = (text ?? "").Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        var digits = value.TakeWhile(char.IsAsciiDigit).Count();
        var unit = value[digits..];
        ulong factor = unit switch { "" or "K" or "KB" => 1, "M" or "MB" => 1024, "G" or "GB" => 1024 * 1024, _ => 0 };
        if (digits == 0 || factor == 0 || !ulong.TryParse(value[..digits], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            || number > ulong.MaxValue / 1024 / factor)
        {
            return false;
        }

        kilobytes = number * factor;
        return true;
    }
}

/// <summary>The vacation responder: off, or on (optionally between two dates) with its subject, message and interval.</summary>
public sealed record VacationSettings(
    bool Enabled,
    string Subject,
    string Message,
    int Days,
    IReadOnlyList<string> Addresses,
    DateOnly? Start = null,
    DateOnly? End = null)
{
    public static VacationSettings Off { get; } = new(false, "", "", 7, []);
}

/// <summary>Everything WebMail keeps in its Sieve script: the rules in order and the vacation responder.</summary>
public sealed record FilterSet(IReadOnlyList<SieveRule> Rules, VacationSettings Vacation)
{
    public static FilterSet Empty { get; } = new([], VacationSettings.Off);
}
