using System.Text;

namespace WebMail.Mail.Html;

/// <summary>
/// Reads one CSS declaration value with the small grammar of <see cref="CssDeclarationFilter"/>
/// and writes it back in canonical form; every path that is not understood returns null.
/// </summary>
internal sealed class CssValueReader(string text, string property, Func<string, string?> approveUrl)
{
    private const int MaxDepth = 8;

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
