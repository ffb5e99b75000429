using System.Net;
using System.Text;

namespace WebMail.Mail.Rendering;

/// <summary>
/// The readable text of an HTML document, for an HTML part too large to sanitize: one linear scan, no DOM,
/// so memory stays proportional to the input. Scripts, styles and the head are dropped; block elements
/// and <c>br</c> become line breaks; entities are decoded. The result is plain text, to be escaped like any other.
/// </summary>
internal static class HtmlTextExtractor
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "template", "noscript" };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "tr", "li", "ul", "ol", "table", "blockquote", "pre", "hr", "section", "article", "header", "footer",
        "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "center",
    };

    public static string Extract(string html)
    {
        var text = new StringBuilder(Math.Min(html.Length, 1 << 20));
        var position = 0;
        while (position < html.Length)
        {
            var lt = html.IndexOf('<', position);
            AppendText(text, html.AsSpan(position, (lt < 0 ? html.Length : lt) - position));
            if (lt < 0)
            {
                break;
            }

            position = SkipTag(html, lt, text);
        }

        return Tidy(text);
    }

    /// <summary>Consumes the markup starting at <paramref name="lt"/>; returns where text resumes.</summary>
    private static int SkipTag(string html, int lt, StringBuilder text)
    {
        if (string.CompareOrdinal(html, lt, "<!--", 0, 4) == 0)
        {
            var end = html.IndexOf("-->", lt + 4, StringComparison.Ordinal);
            return end < 0 ? html.Length : end + 3;
        }

        var nameStart = lt + 1 < html.Length && html[lt + 1] == '/' ? lt + 2 : lt + 1;
        var nameEnd = nameStart;
        while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] == '-'))
        {
            nameEnd++;
        }

        if (nameEnd == nameStart && (nameStart >= html.Length || html[nameStart] is not ('!' or '?')))
        {
            // A lone '<' (as in "1 < 2") is text.
            text.Append('<');
            return lt + 1;
        }

        var gt = html.IndexOf('>', nameEnd);
        var after = gt < 0 ? html.Length : gt + 1;
        var name = html.AsSpan(nameStart, nameEnd - nameStart).ToString();
        var closing = nameStart == lt + 2;
        if (!closing && Skipped.Contains(name))
        {
            var close = html.IndexOf("</" + name, after, StringComparison.OrdinalIgnoreCase);
            return close < 0 ? html.Length : close;
        }

        if (name.Equals("br", StringComparison.OrdinalIgnoreCase))
        {
            text.Append('\n');
        }
        else if (Blocks.Contains(name) && text.Length > 0 && text[^1] != '\n')
        {
            text.Append('\n');
        }
        else if (name.Equals("td", StringComparison.OrdinalIgnoreCase) || name.Equals("th", StringComparison.OrdinalIgnoreCase))
        {
            AppendSpace(text);
        }

        return after;
    }

    private static void AppendSpace(StringBuilder text)
    {
        if (text.Length > 0 && text[^1] is not (' ' or '\n'))
        {
            text.Append(' ');
        }
    }

    /// <summary>HTML whitespace collapses to one space; entities become characters.</summary>
    private static void AppendText(StringBuilder text, ReadOnlySpan<char> raw)
    {
        if (raw.IsEmpty)
        {
            return;
        }

        var decoded = raw.Contains('&') ? WebUtility.HtmlDecode(raw.ToString()) : raw.ToString();
        foreach (var c in decoded)
        {
            if (char.IsWhiteSpace(c) && c != '\u00a0')
            {
                AppendSpace(text);
            }
            else
            {
                text.Append(c);
            }
        }
    }

    /// <summary>No spaces at line ends or starts, at most one empty line in a row (from consecutive <c>br</c>).</summary>
    private static string Tidy(StringBuilder text)
    {
        var lines = text.ToString().Split('\n');
        var result = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var line in lines)
        {
            var trimmed = line.Trim(' ');
            blank = trimmed.Length == 0 ? blank + 1 : 0;
            if (blank <= 1 && (trimmed.Length > 0 || result.Length > 0))
            {
                result.Append(trimmed).Append('\n');
            }
        }

        return result.ToString().TrimEnd('\n');
    }
}
