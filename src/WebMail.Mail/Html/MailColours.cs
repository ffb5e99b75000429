using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace WebMail.Mail.Html;

/// <summary>
/// Whether a sanitized message sets colours of its own (text colours, backgrounds), so a dark page knows how to show
/// it: a message that sets none can take light text on a dark background; one that sets any keeps the light canvas
/// its sender designed for (dark text the sender chose stays readable). Reads the sanitized document, changes nothing.
/// </summary>
public static class MailColours
{
    /// <summary>Presentational attributes that paint text or backgrounds (<c>&lt;font color&gt;</c>, <c>&lt;td bgcolor&gt;</c>, ...).</summary>
    private static readonly string[] ColourAttributes = ["bgcolor", "background", "color", "text", "link", "vlink", "alink"];

    /// <summary>True when any element or style sheet of <paramref name="sanitizedHtml"/> sets a colour or a background.</summary>
    public static bool SetsOwnColours(string sanitizedHtml)
    {
        if (sanitizedHtml.Length == 0)
        {
            return false;
        }

        using var document = new HtmlParser().ParseDocument(sanitizedHtml);
        foreach (var element in document.All)
        {
            if (element.LocalName == "style" ? PaintsColours(element.TextContent) : HasColourAttribute(element))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasColourAttribute(IElement element)
    {
        foreach (var attribute in element.Attributes)
        {
            if (Array.IndexOf(ColourAttributes, attribute.LocalName) >= 0
                || (attribute.LocalName == "style" && DeclaresColour(attribute.Value)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A style sheet naming colours or backgrounds anywhere (a rule for a class the mail never uses counts too: the safe side).</summary>
    private static bool PaintsColours(string css) =>
        css.Contains("color", StringComparison.OrdinalIgnoreCase) || css.Contains("background", StringComparison.OrdinalIgnoreCase);

    /// <summary>A style attribute with a <c>color</c> or <c>background*</c> declaration.</summary>
    private static bool DeclaresColour(string style)
    {
        foreach (var declaration in style.Split(';'))
        {
            var colon = declaration.IndexOf(':', StringComparison.Ordinal);
            var property = (colon < 0 ? declaration : declaration[..colon]).Trim();
            if (property.Equals("color", StringComparison.OrdinalIgnoreCase) || property.StartsWith("background", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
