using AngleSharp.Dom;

namespace WebMail.Mail.Html;

/// <summary>
/// Per-element rules run from HtmlSanitizer's PostProcessNode hook, after its tag and attribute
/// passes: URL attributes (links vs resources), id prefixing, link targets, inline styles
/// (<see cref="CssDeclarationFilter"/>) and style blocks (<see cref="CssStyleSheetFilter"/>).
/// <see cref="IsClean"/> is the same policy as a read-only check, used on the re-parsed output.
/// </summary>
internal static class MailElementPolicy
{
    private const string LinkTarget = "_blank";
    private const string LinkRel = "noopener noreferrer";

    public static void Apply(IElement element, SanitizeContext context)
    {
        if (!IsAllowedElement(element))
        {
            element.Remove();
            return;
        }

        if (element.LocalName == "style")
        {
            ApplyToStyleElement(element, context);
            return;
        }

        foreach (var attribute in element.Attributes.ToList())
        {
            var value = attribute.NamespaceUri is null && MailHtmlPolicy.AllowedAttributes.Contains(attribute.Name)
                ? FilterAttribute(element, attribute.Name, attribute.Value, context)
                : null;
            if (value is null)
            {
                element.RemoveAttribute(attribute.NamespaceUri, attribute.LocalName);
            }
            else if (!string.Equals(value, attribute.Value, StringComparison.Ordinal))
            {
                element.SetAttribute(attribute.Name, value);
            }
        }

        if (context.TakeCss(element, isStyleSheet: false) is { } style
            && FilterAttribute(element, "style", style, context.ApproveResource) is { } filteredStyle)
        {
            element.SetAttribute("style", filteredStyle);
        }

        if (element.LocalName == "a" && element.HasAttribute("href"))
        {
            element.SetAttribute("target", LinkTarget);
            element.SetAttribute("rel", LinkRel);
        }
    }

    /// <summary>Whether an element of the re-parsed output is exactly what the policy lets through.</summary>
    public static bool IsClean(IElement element, SanitizeContext context)
    {
        if (!IsAllowedElement(element))
        {
            return false;
        }

        if (element.LocalName == "style")
        {
            return element.Attributes.Length == 0 && context.IsEmittedStyleSheet(element.TextContent);
        }

        foreach (var attribute in element.Attributes)
        {
            if (attribute.NamespaceUri is not null || !MailHtmlPolicy.AllowedAttributes.Contains(attribute.Name))
            {
                return false;
            }

            var expected = attribute.Name switch
            {
                "target" => element.LocalName == "a" ? LinkTarget : null,
                "rel" => element.LocalName == "a" ? LinkRel : null,
                "src" or "background" => context.CheckApproved(attribute.Value),
                "id" => attribute.Value,
                _ => FilterAttribute(element, attribute.Name, attribute.Value, context.CheckApproved),
            };
            if (!string.Equals(expected, attribute.Value, StringComparison.Ordinal)
                || (attribute.Name == "src" && element.LocalName != "img"))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllowedElement(IElement element) =>
        element.NamespaceUri == NamespaceNames.HtmlUri && MailHtmlPolicy.AllowedTags.Contains(element.LocalName);

    private static string? FilterAttribute(IElement element, string name, string value, SanitizeContext context) =>
        name switch
        {
            "id" => MailHtmlPolicy.IdPrefix + value,
            "target" or "rel" => null,
            "src" when element.LocalName != "img" => null,
            "src" or "background" => context.ApproveResource(value),
            _ => FilterAttribute(element, name, value, context.ApproveResource),
        };

    private static string? FilterAttribute(IElement element, string name, string value, Func<string, string?> approveUrl) =>
        name switch
        {
            "href" => element.LocalName == "a" ? MailUrlPolicy.NormalizeLink(value) : null,
            "style" => CssDeclarationFilter.Filter(value, approveUrl) is { Length: > 0 } style ? style : null,
            _ => value,
        };

    private static void ApplyToStyleElement(IElement element, SanitizeContext context)
    {
        foreach (var attribute in element.Attributes.ToList())
        {
            element.RemoveAttribute(attribute.NamespaceUri, attribute.LocalName);
        }

        // An emptied block stays (harmless): removing elements one by one is quadratic in AngleSharp.
        var css = CssStyleSheetFilter.Filter(context.TakeCss(element, isStyleSheet: true) ?? string.Empty, context.ApproveResource);
        element.TextContent = css;
        context.AddEmittedStyleSheet(css);
    }
}
