using Microsoft.Extensions.Localization;
using MimeKit;
using WebMail.Mail.Sieve;
using WebMail.Web.Resources;

namespace WebMail.Web.Components.Pages;

/// <summary>A rule while it is edited in the form: mutable rows the inputs bind to, and what is wrong with each.</summary>
public sealed class RuleDraft
{
    public string Name { get; set; } = "";

    public bool Enabled { get; set; } = true;

    public bool MatchAll { get; set; } = true;

    public List<ConditionRow> Conditions { get; } = [];

    public List<ActionRow> Actions { get; } = [];

    /// <summary>What is wrong with the name, or null.</summary>
    public string? NameError { get; private set; }

    /// <summary>What is wrong with the list of actions as a whole (none), or null.</summary>
    public string? ActionsError { get; private set; }

    public static RuleDraft From(SieveRule? rule)
    {
        var draft = new RuleDraft();
        if (rule is null)
        {
            draft.Conditions.Add(new ConditionRow());
            draft.Actions.Add(new ActionRow());
            return draft;
        }

        (draft.Name, draft.Enabled, draft.MatchAll) = (rule.Name, rule.Enabled, rule.MatchAll);
        draft.Conditions.AddRange(rule.Conditions.Select(c => new ConditionRow { Field = c.Field, Match = c.Match, Value = c.Value, HeaderName = c.HeaderName }));
        draft.Actions.AddRange(rule.Actions.Select(a => new ActionRow { Kind = a.Kind, Argument = a.Argument }));
        return draft;
    }

    public SieveRule ToRule() => new(
        Name.Trim(),
        Enabled,
        MatchAll,
        Conditions.Select(c => new RuleCondition(c.Field, c.Field == RuleField.Size && c.Match is not (RuleMatch.Over or RuleMatch.Under) ? RuleMatch.Over : c.Match, c.Value.Trim(), c.Field == RuleField.Header ? c.HeaderName.Trim() : "")).ToList(),
        Actions.Select(a => new RuleAction(a.Kind, SieveRule.NeedsArgument(a.Kind) ? a.Argument.Trim() : "")).ToList());

    /// <summary>
    /// Checks every field and puts a sentence next to each one that cannot be saved. <paramref name="folders"/> are the
    /// user's folders (null when they could not be read: then any name goes); a folder not among them is accepted only
    /// when the server creates folders on delivery (<paramref name="canCreateFolders"/>). Returns whether all is well.
    /// </summary>
    public bool Validate(IStringLocalizer<Strings> l, IReadOnlyCollection<string>? folders, bool canCreateFolders)
    {
        NameError = Name.Trim().Length == 0 ? l["Give the rule a name."].Value : null;
        ActionsError = Actions.Count == 0 ? l["Add at least one action."].Value : null;
        foreach (var row in Conditions)
        {
            row.Error = row switch
            {
                { Field: RuleField.Header, HeaderName: var h } when h.Trim().Length == 0 || h.Trim().Any(c => c is <= ' ' or >= '\x7f' or ':') => l["Write the header's name, e.g. List-Id."].Value,
                { Value: var v } when v.Trim().Length == 0 => l["Write what to look for."].Value,
                { Field: RuleField.Size, Value: var v } when !SieveRule.TryParseKilobytes(v, out _) => l["Write a size such as 500 (kilobytes), 500K or 10 MB."].Value,
                _ => null,
            };
        }

        foreach (var row in Actions)
        {
            var value = row.Argument.Trim();
            row.Error = row.Kind switch
            {
                _ when SieveRule.NeedsFolder(row.Kind) && value.Length == 0 => l["Choose a folder."].Value,
                _ when SieveRule.NeedsFolder(row.Kind) && !canCreateFolders && folders?.Contains(value) == false => l["The folder “{0}” does not exist. Choose one of your folders.", value].Value,
                RuleActionKind.Label when value.Length == 0 => l["Choose a label."].Value,
                _ when SieveRule.NeedsAddress(row.Kind) && value.Length == 0 => l["Write the address to forward to."].Value,
                _ when SieveRule.NeedsAddress(row.Kind) && !IsAddress(value) => l["“{0}” is not an email address.", value].Value,
                RuleActionKind.Reject when value.Length == 0 => l["Write the reason the sender is told."].Value,
                _ => null,
            };
        }

        return NameError is null && ActionsError is null && Conditions.All(c => c.Error is null) && Actions.All(a => a.Error is null);
    }

    /// <summary>A bare address (name@domain), as Sieve's redirect takes it.</summary>
    private static bool IsAddress(string value) =>
        MailboxAddress.TryParse(ParserOptions.Default, value, out var mailbox) && mailbox is { Name.Length: 0 } && mailbox.Address == value
        && value.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < value.Length - 1 && !value.Contains(' ', StringComparison.Ordinal);

    public sealed class ConditionRow
    {
        public RuleField Field { get; set; } = RuleField.From;

        public RuleMatch Match { get; set; } = RuleMatch.Contains;

        public string Value { get; set; } = "";

        public string HeaderName { get; set; } = "";

        public string? Error { get; set; }
    }

    public sealed class ActionRow
    {
        public RuleActionKind Kind { get; set; } = RuleActionKind.MoveTo;

        public string Argument { get; set; } = "";

        public string? Error { get; set; }
    }
}
