using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace WebMail.Mail.Rendering;

/// <summary>Turns a text/plain body into safe HTML: everything escaped, web and mail links made clickable.</summary>
public static partial class PlainTextFormatter
{
    [GeneratedRegex(@"\b(?:https?://|mailto:)[^\s<>""'`]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LinkPattern();

    /// <summary>Escapes the text and wraps URLs in links that open in a new tab without a referrer. Line breaks are kept by CSS (pre-wrap).</summary>
    public static string ToHtml(string text)
    {
        var html = new StringBuilder(text.Length + 64);
        var last = 0;
        foreach (Match m in LinkPattern().Matches(text))
        {
            var url = m.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '}');
            html.Append(WebUtility.HtmlEncode(text[last..m.Index]));
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto")
            {
                html.Append("<a href=\"").Append(WebUtility.HtmlEncode(uri.AbsoluteUri))
                    .Append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                    .Append(WebUtility.HtmlEncode(url)).Append("</a>");
            }
            else
            {
                html.Append(WebUtility.HtmlEncode(url));
            }

            last = m.Index + url.Length;
        }

        html.Append(WebUtility.HtmlEncode(text[last..]));
        return html.ToString();
    }
}
