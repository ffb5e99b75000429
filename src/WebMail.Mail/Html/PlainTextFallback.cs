using System.Net;
using System.Text;

namespace WebMail.Mail.Html;

/// <summary>
/// Last resort when a mail cannot be shown as HTML (parse budget or element cap exceeded,
/// unexpected error, output that keeps failing verification): its text, HTML-encoded, in a
/// <c>pre</c>. Inert whatever the input, because nothing of the input is emitted unencoded.
/// </summary>
internal static class PlainTextFallback
{
    /// <summary>Drops anything that looks like a tag (linear scan, no parser), then encodes.</summary>
    public static string Render(string html)
    {
        var text = new StringBuilder(html.Length);
        var position = 0;
        while (position < html.Length)
        {
            var lt = html.IndexOf('<', position);
            if (lt < 0)
            {
                text.Append(html, position, html.Length - position);
                break;
            }

            text.Append(html, position, lt - position);
            var next = lt + 1 < html.Length ? html[lt + 1] : '\0';
            if (char.IsAsciiLetter(next) || next is '/' or '!' or '?')
            {
                var gt = html.IndexOf('>', lt);
                position = gt < 0 ? html.Length : gt + 1;
            }
            else
            {
                text.Append('<');
                position = lt + 1;
            }
        }

        return FromText(WebUtility.HtmlDecode(text.ToString()));
    }

    public static string FromText(string text) =>
        "<pre style=\"white-space: pre-wrap\">" + WebUtility.HtmlEncode(text) + "</pre>";
}
