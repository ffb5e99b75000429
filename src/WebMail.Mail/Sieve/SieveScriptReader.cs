using System.Text.Json;

namespace WebMail.Mail.Sieve;

/// <summary>
/// Reads back a script <see cref="SieveScriptWriter"/> wrote. Anything else — a hand-written script, or WebMail's own
/// script edited by hand — is not WebMail's to rewrite: <see cref="TryRead"/> returns null and the script is left as it is.
/// </summary>
public static class SieveScriptReader
{
    /// <summary>The filters of a script WebMail wrote (unchanged since), or null.</summary>
    public static FilterSet? TryRead(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        var text = script.ReplaceLineEndings("\n");
        if (!text.StartsWith(SieveScriptWriter.HeaderLine + "\n", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var rules = new List<SieveRule>();
            var vacation = VacationSettings.Off;
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith(SieveScriptWriter.RuleMarker, StringComparison.Ordinal))
                {
                    rules.Add(JsonSerializer.Deserialize<SieveRule>(line[SieveScriptWriter.RuleMarker.Length..], SieveScriptWriter.Json) ?? throw new JsonException());
                }
                else if (line.StartsWith(SieveScriptWriter.VacationMarker, StringComparison.Ordinal))
                {
                    vacation = JsonSerializer.Deserialize<VacationSettings>(line[SieveScriptWriter.VacationMarker.Length..], SieveScriptWriter.Json) ?? throw new JsonException();
                }
            }

            var filters = new FilterSet(rules, vacation);
            // Only an exact match is ours: a changed condition, an added line or a removed comment makes it a hand-edited script.
            // Written with or without "fileinto :create", depending on what the server offered then.
            return SieveScriptWriter.Write(filters) == text || SieveScriptWriter.Write(filters, createFolders: true) == text ? filters : null;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
