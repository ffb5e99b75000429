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
    Reject,
    Discard,
    Stop,
}

/// <summary>One test of a rule. <see cref="HeaderName"/> for <see cref="RuleField.Header"/>; sizes are in kilobytes.</summary>
public sealed record RuleCondition(RuleField Field, RuleMatch Match, string Value, string HeaderName = "");

/// <summary>One action; <see cref="Argument"/> is the folder, label keyword, address or reject reason where the kind needs one.</summary>
public sealed record RuleAction(RuleActionKind Kind, string Argument = "");

/// <summary>A filter rule: its name, whether all or any condition must hold, and its actions in order.</summary>
public sealed record SieveRule(string Name, bool Enabled, bool MatchAll, IReadOnlyList<RuleCondition> Conditions, IReadOnlyList<RuleAction> Actions)
{
    /// <summary>Whether the action needs an argument (folder, keyword, address, reason).</summary>
    public static bool NeedsArgument(RuleActionKind kind) =>
        kind is RuleActionKind.MoveTo or RuleActionKind.CopyTo or RuleActionKind.Label or RuleActionKind.Forward or RuleActionKind.Reject;
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
