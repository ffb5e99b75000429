using System.Text;
using System.Text.RegularExpressions;

namespace WebMail.Mail.Rendering;

/// <summary>One method's result in an Authentication-Results header ("dkim=pass header.d=example.com").</summary>
/// <param name="Method">The method, lower case, without its version ("spf", "dkim", "dmarc", "arc", …).</param>
/// <param name="Result">The result keyword, lower case ("pass", "fail", "none", "softfail", …).</param>
/// <param name="Properties">Properties by "ptype.property", lower case keys ("header.d", "header.from", "smtp.mailfrom"), values unquoted.</param>
public sealed record AuthenticationResult(string Method, string Result, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>A property's value ("header.d"), or null.</summary>
    public string? Property(string name) => Properties.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// One Authentication-Results header field (RFC 8601): who checked (authserv-id) and what each method said. Parsed
/// leniently: comments (nested, with quoted pairs) and quoted strings anywhere, unknown methods, properties and
/// Microsoft-style extras ("action=none") are tolerated; what cannot be read is skipped, never guessed.
/// </summary>
public sealed partial record AuthenticationResults(string AuthServId, IReadOnlyList<AuthenticationResult> Results)
{
    /// <summary>Parses the value of one Authentication-Results field; null when it has no authserv-id at all.</summary>
    public static AuthenticationResults? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var segments = SplitStatements(StripComments(value));
        var id = Unquote(ServId().Match(segments[0]).Value);
        if (id.Length == 0 || id.Contains('='))
        {
            return null;
        }

        var results = new List<AuthenticationResult>();
        foreach (var segment in segments.Skip(1))
        {
            var pairs = Pair().Matches(segment);
            if (pairs.Count == 0)
            {
                continue; // "none" (no methods were applied) or unreadable
            }

            var method = pairs[0].Groups["key"].Value;
            var slash = method.IndexOf('/', StringComparison.Ordinal);
            method = (slash >= 0 ? method[..slash] : method).Trim().ToLowerInvariant();
            if (method.Contains('.', StringComparison.Ordinal))
            {
                continue; // starts with a property: not a method result
            }

            var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (Match pair in pairs.Skip(1))
            {
                var key = Regex.Replace(pair.Groups["key"].Value, @"\s+", "").ToLowerInvariant();
                properties.TryAdd(key, Unquote(pair.Groups["value"].Value));
            }

            results.Add(new AuthenticationResult(method, Unquote(pairs[0].Groups["value"].Value).ToLowerInvariant(), properties));
        }

        return new AuthenticationResults(id, results);
    }

    /// <summary>The results of one method ("dkim"), in header order.</summary>
    public IEnumerable<AuthenticationResult> For(string method) => Results.Where(r => r.Method.Equals(method, StringComparison.OrdinalIgnoreCase));

    /// <summary>Removes RFC 5322 comments (nested, quoted pairs inside) that are not within a quoted string.</summary>
    private static string StripComments(string value)
    {
        var text = new StringBuilder(value.Length);
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && (quoted || depth > 0) && i + 1 < value.Length)
            {
                if (depth == 0)
                {
                    text.Append(c).Append(value[i + 1]);
                }

                i++;
            }
            else if (depth == 0 && c == '"')
            {
                quoted = !quoted;
                text.Append(c);
            }
            else if (!quoted && c == '(')
            {
                depth++;
                text.Append(depth == 1 ? " " : "");
            }
            else if (!quoted && c == ')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    /// <summary>Splits at ';' outside quoted strings.</summary>
    private static List<string> SplitStatements(string value)
    {
        var parts = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && quoted)
            {
                i++;
            }
            else if (value[i] == '"')
            {
                quoted = !quoted;
            }
            else if (value[i] == ';' && !quoted)
            {
                parts.Add(value[start..i]);
                start = i + 1;
            }
        }

        parts.Add(value[start..]);
        return parts;
    }

    private static string Unquote(string value)
    {
        value = value.Trim();
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length - 1)
            {
                i++;
            }

            text.Append(value[i]);
        }

        return text.ToString();
    }

    /// <summary>The authserv-id: a quoted string or a run of non-space characters.</summary>
    [GeneratedRegex("""^\s*(?:"(?:[^"\\]|\\.)*"|\S+)""")]
    private static partial Regex ServId();

    /// <summary>"key = value": a method (with an optional "/version") or "ptype.property", then a token or a quoted string.</summary>
    [GeneratedRegex("""(?<key>[A-Za-z0-9_-]+(?:\s*/\s*[0-9]+)?(?:\s*\.\s*[A-Za-z0-9_-]+)?)\s*=\s*(?<value>"(?:[^"\\]|\\.)*"|[^\s";]+)""")]
    private static partial Regex Pair();
}
