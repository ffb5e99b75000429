using System.Text;

namespace WebMail.Mail.Html;

/// <summary>
/// The only judge of CSS declarations (inline <c>style</c> attributes as the mail wrote them,
/// bodies of style rules as AngleSharp.Css serializes them). It reads them with a deliberately
/// small grammar and re-emits only the declarations it fully understands: an allowed property,
/// and a value made of identifiers, numbers, dimensions, hash colours, commas/slashes, allowed
/// functions (<see cref="MailHtmlPolicy.AllowedCssFunctions"/>), strings for font names only,
/// and <c>url()</c> for backgrounds only, whose URL must pass the resource rules (a refused URL
/// becomes <c>none</c>, keeping the background colour). Anything else - escapes
/// (<c>u\72l(</c>), <c>var()</c>, <c>env()</c>, <c>if()</c>, <c>image-set("...")</c>,
/// <c>expression(</c>, <c>&lt;</c>, braces - drops the declaration. The output is in its own
/// canonical form (comments gone), so filtering it again returns it unchanged.
/// </summary>
internal static class CssDeclarationFilter
{
    private const string Important = "!important";

    /// <summary>Inline styles repeat (a newsletter has thousands of cells with a handful of styles): results kept, bounded.</summary>
    private const int MemoLimit = 4096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Memo = new(StringComparer.Ordinal);

    public static string Filter(string cssText, Func<string, string?> approveUrl)
    {
        // Without url() the result does not depend on the caller's URL rules, so it can be shared.
        if (cssText.Length > 1024 || cssText.Contains("url", StringComparison.OrdinalIgnoreCase))
        {
            return FilterCore(cssText, approveUrl);
        }

        if (Memo.TryGetValue(cssText, out var known))
        {
            return known;
        }

        var filtered = FilterCore(cssText, approveUrl);
        if (Memo.Count >= MemoLimit)
        {
            Memo.Clear();
        }

        Memo[cssText] = filtered;
        return filtered;
    }

    private static string FilterCore(string cssText, Func<string, string?> approveUrl)
    {
        var kept = new List<(string Name, string Value)>();
        foreach (var (name, value) in SplitDeclarations(cssText))
        {
            if (FilterDeclaration(name, value, approveUrl) is { } clean)
            {
                kept.Add((name, clean));
            }
        }

        MergeRepeatLonghands(kept);
        return string.Join("; ", kept.Select(d => d.Name + ": " + d.Value));
    }

    /// <summary>
    /// AngleSharp expands <c>background</c> into <c>background-repeat-x</c>/<c>-y</c>, which no
    /// browser reads (the image would repeat): turn the pair back into <c>background-repeat</c>.
    /// </summary>
    private static void MergeRepeatLonghands(List<(string Name, string Value)> declarations)
    {
        var x = declarations.FindIndex(d => d.Name == "background-repeat-x");
        var y = declarations.FindIndex(d => d.Name == "background-repeat-y");
        if (x >= 0 && y >= 0
            && declarations[x].Value.EndsWith(Important, StringComparison.Ordinal) == declarations[y].Value.EndsWith(Important, StringComparison.Ordinal))
        {
            var important = declarations[x].Value.EndsWith(Important, StringComparison.Ordinal);
            var xValue = declarations[x].Value.Replace(Important, string.Empty, StringComparison.Ordinal).Trim();
            var yValue = declarations[y].Value.Replace(Important, string.Empty, StringComparison.Ordinal).Trim();
            declarations[x] = ("background-repeat", xValue + " " + yValue + (important ? " " + Important : string.Empty));
        }

        declarations.RemoveAll(d => d.Name is "background-repeat-x" or "background-repeat-y");
    }

    /// <summary>Returns the value to keep for a declaration, or null to drop it.</summary>
    internal static string? FilterDeclaration(string name, string value, Func<string, string?> approveUrl)
    {
        if (!MailHtmlPolicy.AllowedCssProperties.Contains(name)
            || value.Contains("/*", StringComparison.Ordinal) || value.Contains("*/", StringComparison.Ordinal))
        {
            return null;
        }

        var text = value.AsSpan().Trim();
        var important = text.EndsWith(Important, StringComparison.OrdinalIgnoreCase);
        if (important)
        {
            text = text[..^Important.Length].TrimEnd();
        }

        var result = text.IsEmpty ? null : new CssValueReader(text.ToString(), name, approveUrl).Read();
        if (result is null
            || (name == "position" && !MailHtmlPolicy.AllowedPositions.Contains(result)))
        {
            return null;
        }

        return important ? result + " " + Important : result;
    }

    /// <summary>
    /// Splits a declaration list at top-level semicolons (outside strings and parentheses),
    /// dropping comments, into lower-case property names and trimmed values.
    /// </summary>
    private static List<(string Name, string Value)> SplitDeclarations(string css)
    {
        var declarations = new List<(string, string)>();
        var current = new StringBuilder();
        var quote = '\0';
        var depth = 0;
        for (var i = 0; i <= css.Length; i++)
        {
            if (i < css.Length)
            {
                var c = css[i];
                if (quote == '\0' && c == '/' && i + 1 < css.Length && css[i + 1] == '*')
                {
                    var end = css.IndexOf("*/", i + 2, StringComparison.Ordinal);
                    i = end < 0 ? css.Length : end + 1;
                    current.Append(' ');
                    continue;
                }

                if (quote != '\0')
                {
                    quote = c == quote ? '\0' : quote;
                }
                else if (c is '"' or '\'')
                {
                    quote = c;
                }
                else if (c == '(')
                {
                    depth++;
                }
                else if (c == ')')
                {
                    depth = Math.Max(0, depth - 1);
                }

                if (c != ';' || quote != '\0' || depth > 0)
                {
                    current.Append(c);
                    continue;
                }
            }

            AddDeclaration(declarations, current.ToString());
            current.Clear();
        }

        return declarations;
    }

    private static void AddDeclaration(List<(string, string)> declarations, string declaration)
    {
        var colon = declaration.IndexOf(':', StringComparison.Ordinal);
        var name = colon > 0 ? declaration.AsSpan(0, colon).Trim() : default;
        if (!name.IsEmpty && IsPropertyName(name))
        {
            declarations.Add((name.ToString().ToLowerInvariant(), declaration[(colon + 1)..].Trim()));
        }
    }

    private static bool IsPropertyName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetter(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }
}
