using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebMail.Mail.Sieve;

/// <summary>
/// Writes WebMail's filters and vacation reply as one readable Sieve script (RFC 5228): a comment header saying WebMail
/// wrote it, then one commented block per rule. Each block carries the rule as a one-line <c># webmail-rule</c> comment,
/// which <see cref="SieveScriptReader"/> reads back; a disabled rule keeps only its comments.
/// </summary>
public static class SieveScriptWriter
{
    internal const string HeaderLine = "# Filters and vacation reply written by WebMail.";
    internal const string RuleMarker = "# webmail-rule ";
    internal const string VacationMarker = "# webmail-vacation ";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The script for <paramref name="filters"/>; <see cref="ArgumentException"/> names what cannot be written.
    /// With <paramref name="createFolders"/> (the server has the "mailbox" extension, RFC 5490) rules file into
    /// <c>fileinto :create</c>, so a folder deleted since still gets the mail; without it the folder must exist.
    /// </summary>
    public static string Write(FilterSet filters, bool createFolders = false)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var extensions = new SortedSet<string>(StringComparer.Ordinal);
        var body = new StringBuilder();
        WriteVacation(body, filters.Vacation, extensions);
        for (var i = 0; i < filters.Rules.Count; i++)
        {
            WriteRule(body, i + 1, filters.Rules[i], extensions, createFolders);
        }

        var script = new StringBuilder()
            .Append(HeaderLine).Append('\n')
            .Append("# Change them in WebMail's settings. Once this script is edited by hand, WebMail shows it as it is and no longer rewrites it.\n");
        if (extensions.Count > 0)
        {
            script.Append("require [").AppendJoin(", ", extensions.Select(Quote)).Append("];\n");
        }

        return script.Append(body).ToString();
    }

    private static void WriteVacation(StringBuilder output, VacationSettings vacation, ISet<string> extensions)
    {
        if (!vacation.Enabled && vacation.Subject.Length == 0 && vacation.Message.Length == 0)
        {
            return;
        }

        output.Append("\n# Vacation reply").Append(vacation.Enabled ? "" : " (off)").Append('\n')
            .Append(VacationMarker).Append(JsonSerializer.Serialize(vacation, Json)).Append('\n');
        if (!vacation.Enabled)
        {
            return;
        }

        extensions.Add("vacation");
        var indent = "";
        var dates = new List<string>();
        if (vacation.Start is { } start)
        {
            dates.Add($"currentdate :value \"ge\" \"date\" {Quote(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        }

        if (vacation.End is { } end)
        {
            dates.Add($"currentdate :value \"le\" \"date\" {Quote(end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}");
        }

        if (dates.Count > 0)
        {
            extensions.Add("date");
            extensions.Add("relational");
            output.Append("if ").Append(dates.Count == 1 ? dates[0] : $"allof ({string.Join(", ", dates)})").Append(" {\n");
            indent = "    ";
        }

        output.Append(indent).Append("vacation :days ").Append(Math.Max(1, vacation.Days).ToString(CultureInfo.InvariantCulture));
        if (vacation.Subject.Length > 0)
        {
            output.Append(" :subject ").Append(Quote(vacation.Subject));
        }

        if (vacation.Addresses.Count > 0)
        {
            output.Append(" :addresses ").Append(StringList(vacation.Addresses));
        }

        output.Append(' ').Append(Quote(vacation.Message)).Append(";\n");
        if (dates.Count > 0)
        {
            output.Append("}\n");
        }
    }

    private static void WriteRule(StringBuilder output, int number, SieveRule rule, ISet<string> extensions, bool createFolders)
    {
        output.Append("\n# Rule ").Append(number.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(OneLine(rule.Name))
            .Append(rule.Enabled ? "" : " (disabled)").Append('\n')
            .Append(RuleMarker).Append(JsonSerializer.Serialize(rule, Json)).Append('\n');
        if (!rule.Enabled)
        {
            return;
        }

        if (rule.Actions.Count == 0)
        {
            throw new ArgumentException($"Rule “{rule.Name}” has no action.");
        }

        var tests = rule.Conditions.Select(c => Test(c, extensions)).ToList();
        var test = tests.Count switch
        {
            0 => "true",
            1 => tests[0],
            _ => $"{(rule.MatchAll ? "allof" : "anyof")} ({string.Join(", ", tests)})",
        };
        output.Append("if ").Append(test).Append(" {\n");

        // Flags first: imap4flags applies them to the fileinto/keep that follows.
        foreach (var action in rule.Actions.OrderBy(a => a.Kind is RuleActionKind.Label or RuleActionKind.MarkRead or RuleActionKind.Flag ? 0 : a.Kind == RuleActionKind.Stop ? 2 : 1))
        {
            output.Append("    ").Append(Action(action, extensions, createFolders)).Append(";\n");
        }

        output.Append("}\n");
    }

    private static string Test(RuleCondition condition, ISet<string> extensions)
    {
        var match = condition.Match switch
        {
            RuleMatch.Contains => ":contains",
            RuleMatch.Is => ":is",
            RuleMatch.Matches => ":matches",
            _ when condition.Field == RuleField.Size => "",
            _ => throw new ArgumentException($"“{condition.Match}” does not apply to {condition.Field}."),
        };
        switch (condition.Field)
        {
            case RuleField.From or RuleField.To or RuleField.Cc:
                return $"address {match} {Quote(condition.Field.ToString().ToLowerInvariant())} {Quote(condition.Value)}";
            case RuleField.Subject:
                return $"header {match} \"subject\" {Quote(condition.Value)}";
            case RuleField.Header when IsHeaderName(condition.HeaderName):
                return $"header {match} {Quote(condition.HeaderName)} {Quote(condition.Value)}";
            case RuleField.Header:
                throw new ArgumentException($"“{condition.HeaderName}” is not a header name.");
            case RuleField.Body:
                extensions.Add("body");
                return $"body :text {match} {Quote(condition.Value)}";
            default:
                if (condition.Match is not (RuleMatch.Over or RuleMatch.Under) || !SieveRule.TryParseKilobytes(condition.Value, out var kilobytes))
                {
                    throw new ArgumentException("A size is over or under a whole number of kilobytes (or MB, GB).");
                }

                return $"size {(condition.Match == RuleMatch.Over ? ":over" : ":under")} {kilobytes.ToString(CultureInfo.InvariantCulture)}K";
        }
    }

    private static string Action(RuleAction action, ISet<string> extensions, bool createFolders)
    {
        if (SieveRule.NeedsArgument(action.Kind) && string.IsNullOrWhiteSpace(action.Argument))
        {
            throw new ArgumentException($"The action {action.Kind} needs a value.");
        }

        switch (action.Kind)
        {
            case RuleActionKind.MoveTo or RuleActionKind.CopyTo:
                extensions.Add("fileinto");
                var copy = action.Kind == RuleActionKind.CopyTo ? ":copy " : "";
                if (action.Kind == RuleActionKind.CopyTo)
                {
                    extensions.Add("copy");
                }

                if (createFolders)
                {
                    extensions.Add("mailbox");
                }

                return $"fileinto {copy}{(createFolders ? ":create " : "")}{Quote(action.Argument)}";
            case RuleActionKind.Label or RuleActionKind.MarkRead or RuleActionKind.Flag:
                extensions.Add("imap4flags");
                var flag = action.Kind switch { RuleActionKind.MarkRead => "\\Seen", RuleActionKind.Flag => "\\Flagged", _ => action.Argument };
                return $"addflag {Quote(flag)}";
            case RuleActionKind.Forward:
                extensions.Add("copy");
                return $"redirect :copy {Quote(action.Argument)}";
            case RuleActionKind.Redirect:
                return $"redirect {Quote(action.Argument)}";
            case RuleActionKind.Reject:
                extensions.Add("reject");
                return $"reject {Quote(action.Argument)}";
            case RuleActionKind.Discard:
                return "discard";
            default:
                return "stop";
        }
    }

    private static bool IsHeaderName(string name) => name.Length is > 0 and < 200 && name.All(c => c is > ' ' and < '\x7f' and not ':');

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string StringList(IEnumerable<string> values) => $"[{string.Join(", ", values.Select(Quote))}]";

    /// <summary>A Sieve quoted string (RFC 5228 2.4.2): backslash and double quote escaped; line breaks allowed.</summary>
    internal static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
