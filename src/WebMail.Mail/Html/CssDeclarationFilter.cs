using System.Text;

namespace WebMail.Mail.Html;

/// <summary>
/// The last word on CSS declarations (inline <c>style</c> attributes and the bodies of kept style
/// rules). It re-reads the text HtmlSanitizer produced with a deliberately small grammar and
/// re-emits only the declarations it fully understands: allowed property, and a value made of
/// identifiers, numbers, dimensions, hash colours, commas/slashes, allowed functions
/// (<see cref="MailHtmlPolicy.AllowedCssFunctions"/>), strings for font names only, and
/// <c>url()</c> for backgrounds only, whose URL must pass the resource rules (a refused URL
/// becomes <c>none</c>, keeping the background colour). Anything else -
/// escapes (<c>u\72l(</c>), comments, <c>var()</c>, <c>env()</c>, <c>if()</c>,
/// <c>image-set("...")</c>, <c>expression(</c>, <c>&lt;</c>, braces - drops the declaration.
/// The output is in its own canonical form, so filtering it again returns it unchanged.
/// </summary>
internal static class CssDeclarationFilter
{
    private const int MaxDepth = 8;
    private const string Important = "!important";

    public static string Filter(string cssText, Func<string, string?> approveUrl)
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

        var result = text.IsEmpty ? null : new ValueReader(text.ToString(), name, approveUrl).Read();
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

    /// <summary>Reads one declaration value; every path that is not understood returns null.</summary>
    private sealed class ValueReader(string text, string property, Func<string, string?> approveUrl)
    {
        private readonly StringBuilder output = new();
        private int pos;

        public string? Read() =>
            ReadComponents(0) && pos == text.Length ? output.ToString().Trim() : null;

        private bool ReadComponents(int depth)
        {
            while (pos < text.Length)
            {
                if (text[pos] == ')')
                {
                    return depth > 0;
                }

                if (!ReadComponent(depth))
                {
                    return false;
                }
            }

            return depth == 0;
        }

        private bool ReadComponent(int depth)
        {
            var c = text[pos];
            if (IsWhitespace(c))
            {
                while (pos < text.Length && IsWhitespace(text[pos]))
                {
                    pos++;
                }

                output.Append(' ');
                return true;
            }

            if (c is '"' or '\'')
            {
                if (!MailHtmlPolicy.StringCssProperties.Contains(property) || !ReadString(out var content))
                {
                    return false;
                }

                output.Append(c).Append(content).Append(c);
                return true;
            }

            if (c == '#')
            {
                pos++;
                var hash = ReadName(requireOne: true);
                output.Append('#').Append(hash);
                return hash is not null;
            }

            if (StartsNumber())
            {
                ReadNumber();
                return true;
            }

            if (StartsIdent(pos))
            {
                var ident = ReadName(requireOne: true) ?? string.Empty;
                if (pos < text.Length && text[pos] == '(')
                {
                    return ReadFunction(ident.ToLowerInvariant(), depth);
                }

                output.Append(ident);
                return true;
            }

            if (c is ',' or '/' || (depth > 0 && c is '+' or '-' or '*'))
            {
                output.Append(c);
                pos++;
                return true;
            }

            return depth > 0 && c == '(' && ReadBlock(string.Empty, depth);
        }

        private bool ReadFunction(string name, int depth)
        {
            if (name == "url")
            {
                pos++;
                return depth == 0 && MailHtmlPolicy.UrlCssProperties.Contains(property) && ReadUrl();
            }

            return MailHtmlPolicy.AllowedCssFunctions.Contains(name) && ReadBlock(name, depth);
        }

        /// <summary>Reads "(" components ")" at <see cref="pos"/>, after an optional function name.</summary>
        private bool ReadBlock(string name, int depth)
        {
            if (depth >= MaxDepth)
            {
                return false;
            }

            pos++;
            output.Append(name).Append('(');
            if (!ReadComponents(depth + 1))
            {
                return false;
            }

            pos++;
            output.Append(')');
            return true;
        }

        private bool ReadUrl()
        {
            SkipWhitespace();
            string raw;
            if (pos < text.Length && text[pos] is '"' or '\'')
            {
                if (!ReadString(out raw))
                {
                    return false;
                }
            }
            else
            {
                var start = pos;
                while (pos < text.Length && !IsWhitespace(text[pos]) && text[pos] != ')')
                {
                    if (text[pos] is '"' or '\'' or '(' or '\\' || char.IsControl(text[pos]))
                    {
                        return false;
                    }

                    pos++;
                }

                raw = text[start..pos];
            }

            SkipWhitespace();
            if (raw.Length == 0 || pos >= text.Length || text[pos] != ')')
            {
                return false;
            }

            pos++;
            var approved = approveUrl(raw);
            if (approved is null || approved.AsSpan().IndexOfAny("\"\\<>\n\r\f") >= 0)
            {
                // A removed image leaves the rest of the background (its colour) in place.
                output.Append("none");
                return true;
            }

            output.Append("url(\"").Append(approved).Append("\")");
            return true;
        }

        private bool ReadString(out string content)
        {
            var quote = text[pos++];
            var start = pos;
            content = string.Empty;
            while (pos < text.Length && text[pos] != quote)
            {
                if (text[pos] is '\\' or '\n' or '\r' or '\f' or '<' or '>' || char.IsControl(text[pos]))
                {
                    return false;
                }

                pos++;
            }

            if (pos >= text.Length)
            {
                return false;
            }

            content = text[start..pos];
            pos++;
            return true;
        }

        private void ReadNumber()
        {
            var start = pos;
            if (text[pos] is '+' or '-')
            {
                pos++;
            }

            SkipDigits();
            if (pos + 1 < text.Length && text[pos] == '.' && char.IsAsciiDigit(text[pos + 1]))
            {
                pos++;
                SkipDigits();
            }

            if (pos + 1 < text.Length && text[pos] is 'e' or 'E'
                && (char.IsAsciiDigit(text[pos + 1])
                    || (pos + 2 < text.Length && text[pos + 1] is '+' or '-' && char.IsAsciiDigit(text[pos + 2]))))
            {
                pos += 2;
                SkipDigits();
            }

            if (pos < text.Length && text[pos] == '%')
            {
                pos++;
            }
            else if (StartsIdent(pos))
            {
                ReadName(requireOne: false);
            }

            output.Append(text, start, pos - start);
        }

        private string? ReadName(bool requireOne)
        {
            var start = pos;
            while (pos < text.Length && IsNameChar(text[pos]))
            {
                pos++;
            }

            return requireOne && pos == start ? null : text[start..pos];
        }

        private bool StartsNumber()
        {
            var p = pos;
            if (text[p] is '+' or '-')
            {
                p++;
            }

            return p < text.Length
                && (char.IsAsciiDigit(text[p])
                    || (text[p] == '.' && p + 1 < text.Length && char.IsAsciiDigit(text[p + 1])));
        }

        private bool StartsIdent(int p)
        {
            if (p < text.Length && text[p] == '-')
            {
                p++;
            }

            return p < text.Length && (text[p] == '-' || (IsNameChar(text[p]) && !char.IsAsciiDigit(text[p])));
        }

        private void SkipDigits()
        {
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }

        private void SkipWhitespace()
        {
            while (pos < text.Length && IsWhitespace(text[pos]))
            {
                pos++;
            }
        }

        private static bool IsNameChar(char c) =>
            char.IsAsciiLetterOrDigit(c) || c is '_' or '-' || (c >= 0x80 && !char.IsControl(c));

        private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';
    }
}
