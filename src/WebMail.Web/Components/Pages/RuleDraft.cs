using WebMail.Mail.Sieve;

namespace WebMail.Web.Components.Pages;

/// <summary>A rule while it is edited in the form: mutable rows the inputs bind to.</summary>
public sealed class RuleDraft
{
    public string Name { get; set; } = "";

    public bool Enabled { get; set; } = true;

    public bool MatchAll { get; set; } = true;

    public List<ConditionRow> Conditions { get; } = [];

    public List<ActionRow> Actions { get; } = [];

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

    public sealed class ConditionRow
    {
        public RuleField Field { get; set; } = RuleField.From;

        public RuleMatch Match { get; set; } = RuleMatch.Contains;

        public string Value { get; set; } = "";

        public string HeaderName { get; set; } = "";
    }

    public sealed class ActionRow
    {
        public RuleActionKind Kind { get; set; } = RuleActionKind.MoveTo;

        public string Argument { get; set; } = "";
    }
}
