using System.Text;
using AngleSharp.Css.Dom;
using AngleSharp.Css.Parser;

namespace WebMail.Mail.Html;

/// <summary>
/// Rebuilds the text of a kept <c>&lt;style&gt;</c> element from what it understands: style rules
/// with a plain selector and declarations passing <see cref="CssDeclarationFilter"/>, and
/// <c>@media</c> blocks with a plain condition. Everything else - <c>@import</c>,
/// <c>@font-face</c>, <c>@property</c>, <c>@function</c>, <c>@layer</c>, nested rules, unknown
/// rules - is not emitted. The text is written by us, never copied, and contains no <c>&lt;</c>,
/// so it cannot close the element when the browser parses it again.
/// </summary>
internal static class CssStyleSheetFilter
{
    private const int MaxMediaDepth = 3;
    private const int MaxPreludeLength = 2000;

    private static readonly CssParserOptions ParserOptions = new()
    {
        IsIncludingUnknownDeclarations = true,
        IsIncludingUnknownRules = false,
        IsToleratingInvalidSelectors = false,
        IsNotResolvingRelativeUrls = true,
    };

    public static string Filter(string css, Func<string, string?> approveUrl)
    {
        var sheet = new CssParser(ParserOptions).ParseStyleSheet(css);
        var output = new StringBuilder();
        AppendRules(sheet.Rules, output, approveUrl, 0);
        return output.ToString();
    }

    private static void AppendRules(ICssRuleList rules, StringBuilder output, Func<string, string?> approveUrl, int depth)
    {
        // foreach, never rules[i]: AngleSharp's rule list indexer counts from the start.
        foreach (var rule in rules)
        {
            switch (rule)
            {
                case ICssStyleRule { Type: CssRuleType.Style } style:
                    var selector = RewriteSelector(style.SelectorText);
                    var declarations = selector is null ? string.Empty : CssDeclarationFilter.Filter(style.Style.CssText, approveUrl);
                    if (declarations.Length > 0)
                    {
                        output.Append(selector).Append(" { ").Append(declarations).Append(" }\n");
                    }

                    break;
                case ICssMediaRule { Type: CssRuleType.Media } media when depth < MaxMediaDepth:
                    var condition = media.Media.MediaText;
                    if (!IsPlainMediaQuery(condition))
                    {
                        break;
                    }

                    var inner = new StringBuilder();
                    AppendRules(media.Rules, inner, approveUrl, depth + 1);
                    if (inner.Length > 0)
                    {
                        output.Append("@media ").Append(condition).Append(" {\n").Append(inner).Append("}\n");
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Returns the selector with every <c>#id</c> given <see cref="MailHtmlPolicy.IdPrefix"/>
    /// (ids in the body are prefixed), or null when it holds anything but plain selector syntax
    /// (escapes, braces, semicolons, at-signs, slashes, angle brackets, nesting...).
    /// </summary>
    internal static string? RewriteSelector(string selector)
    {
        if (selector.Length == 0 || selector.Length > MaxPreludeLength)
        {
            return null;
        }

        var output = new StringBuilder(selector.Length + 16);
        var inAttribute = false;
        var quote = '\0';
        foreach (var c in selector)
        {
            if (quote != '\0')
            {
                if (c is '\\' or '<' or '>' or '{' or '}' or ';' || char.IsControl(c))
                {
                    return null;
                }

                quote = c == quote ? '\0' : quote;
                output.Append(c);
                continue;
            }

            switch (c)
            {
                case '"' or '\'' when inAttribute:
                    quote = c;
                    break;
                case '[' when !inAttribute:
                    inAttribute = true;
                    break;
                case ']' when inAttribute:
                    inAttribute = false;
                    break;
                case '#' when !inAttribute:
                    output.Append('#').Append(MailHtmlPolicy.IdPrefix);
                    continue;
                case '=' or '^' or '$' or '|' when inAttribute:
                case ' ' or '-' or '_' or '.' or ':' or '*' or '>' or '+' or '~' or ',' or '(' or ')':
                    break;
                default:
                    if (!char.IsAsciiLetterOrDigit(c) && (c < 0x80 || char.IsControl(c)))
                    {
                        return null;
                    }

                    break;
            }

            output.Append(c);
        }

        return quote == '\0' && !inAttribute ? output.ToString() : null;
    }

    private static bool IsPlainMediaQuery(string condition)
    {
        if (condition.Length == 0 || condition.Length > MaxPreludeLength)
        {
            return false;
        }

        foreach (var c in condition)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not (' ' or '(' or ')' or ':' or ',' or '-' or '.' or '/' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
