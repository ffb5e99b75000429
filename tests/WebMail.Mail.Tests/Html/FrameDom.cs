using System.Net;
using System.Net.Sockets;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using WebMail.Mail.Html;

namespace WebMail.Mail.Tests.Html;

/// <summary>
/// The sanitizer's output parsed the way the message frame parses it (our wrapper document,
/// scripting disabled as in an <c>iframe sandbox</c> without allow-scripts), and the checks every
/// output must pass whatever the input: nothing runs, nothing loads except allowed URLs.
/// These checks are written independently of the sanitizer's own code on purpose.
/// </summary>
internal static class FrameDom
{
    public const string PartUrlPrefix = "/parts/42/";

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    private static readonly HashSet<string> ForbiddenElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "svg", "math",
        "form", "input", "button", "select", "textarea", "option", "meta", "link", "template", "dialog",
        "portal", "video", "audio", "source", "track", "noscript", "noembed", "noframes", "xmp",
        "plaintext", "animate", "set", "feimage", "image", "annotation-xml", "mglyph", "title", "map",
        "area", "canvas", "marquee",
    };

    private static readonly HashSet<string> ForbiddenAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "popover", "popovertarget", "popovertargetaction", "commandfor", "command", "formaction",
        "action", "srcset", "imagesrcset", "ping", "poster", "data", "xlink:href", "srcdoc",
        "http-equiv", "autofocus", "name", "contenteditable", "form", "usemap",
    };

    private static readonly string[] ForbiddenCss =
    [
        "@import", "@font-face", "@property", "@function", "expression(", "image-set(", "var(", "env(",
        "if(", "attr(", "\\", "behavior", "-moz-binding", "src(",
        "/*",
    ];

    public static SanitizeOptions Options(bool allowRemote) => new(allowRemote, ResolvePart);

    /// <summary>The test resolver: two known parts, everything else unknown.</summary>
    public static string? ResolvePart(string contentId) => contentId switch
    {
        "logo@x" => PartUrlPrefix + "logo",
        "bg@x" => PartUrlPrefix + "bg",
        _ => null,
    };

    public static IHtmlDocument Parse(string sanitizedBody) =>
        Parser.ParseDocument(
            "<!doctype html><html><head><base target=\"_blank\"></head><body>" + sanitizedBody + "</body></html>");

    public static IEnumerable<IElement> MailElements(IHtmlDocument document) =>
        document.Body!.Descendants<IElement>();

    /// <summary>Asserts the invariants of a safe message body.</summary>
    public static void AssertInert(string sanitizedBody, bool remoteAllowed)
    {
        var document = Parse(sanitizedBody);
        Assert.Empty(document.Body!.Descendants<IComment>());
        Assert.Single(document.QuerySelectorAll("base"));
        foreach (var element in MailElements(document))
        {
            Assert.Equal(NamespaceNames.HtmlUri, element.NamespaceUri);
            Assert.DoesNotContain(element.LocalName, ForbiddenElements);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event handler {attribute.Name}");
                Assert.DoesNotContain(attribute.Name, ForbiddenAttributes);
                Assert.False(attribute.Name.StartsWith("data-", StringComparison.OrdinalIgnoreCase), attribute.Name);
                AssertAttributeValue(element, attribute, remoteAllowed);
            }
        }

        foreach (var style in document.Body!.QuerySelectorAll("style"))
        {
            Assert.Empty(style.Attributes);
            AssertCss(style.TextContent, remoteAllowed);
        }
    }

    public static bool IsAllowedLink(string href) =>
        Uri.TryCreate(href, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https" or "mailto"
        && href.StartsWith(uri.Scheme + ":", StringComparison.Ordinal);

    public static bool IsAllowedResource(string url, bool remoteAllowed) =>
        url.StartsWith(PartUrlPrefix, StringComparison.Ordinal)
        || (remoteAllowed
            && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme is "http" or "https"
            && url.StartsWith(uri.Scheme + "://", StringComparison.Ordinal)
            && IsPublicHost(uri.IdnHost.Trim('[', ']')));

    private static bool IsPublicHost(string host)
    {
        if (IPAddress.TryParse(host, out var address))
        {
            var b = address.MapToIPv6().GetAddressBytes();
            var v4 = address.IsIPv4MappedToIPv6 || address.AddressFamily == AddressFamily.InterNetwork ? address.MapToIPv4().GetAddressBytes() : null;
            return v4 is not null
                ? v4[0] is not (0 or 10 or 127) && !(v4[0] == 192 && v4[1] == 168) && !(v4[0] == 169 && v4[1] == 254) && !(v4[0] == 172 && v4[1] is >= 16 and < 32)
                : !IPAddress.IsLoopback(address) && (b[0] & 0xFE) != 0xFC && !address.IsIPv6LinkLocal;
        }

        var lastLabel = host.TrimEnd('.').Split('.')[^1];
        return host != "localhost" && !host.EndsWith(".localhost", StringComparison.Ordinal)
            && !lastLabel.All(char.IsAsciiDigit) && !lastLabel.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The URLs inside every <c>url(...)</c> of a CSS text (outside CSS strings).</summary>
    public static List<string> CssUrls(string css)
    {
        var urls = new List<string>();
        var (_, urlStarts) = ScanCss(css);
        foreach (var start in urlStarts)
        {
            var quote = css[start] is '"' or '\'' ? css[start] : '\0';
            var end = quote == '\0' ? css.IndexOf(')', start) : css.IndexOf(quote, start + 1);
            Assert.True(end > start, "unterminated url(");
            urls.Add(css[start..end].Trim().Trim('"', '\'').Trim());
        }

        return urls;
    }

    /// <summary>The CSS text with strings blanked out, and where each url( argument starts.</summary>
    private static (string Code, List<int> UrlStarts) ScanCss(string css)
    {
        var code = new StringBuilder(css.Length);
        var urlStarts = new List<int>();
        var quote = '\0';
        for (var i = 0; i < css.Length; i++)
        {
            var c = css[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
                code.Append(quote == '\0' ? c : ' ');
                continue;
            }

            if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (string.Compare(css, i, "url(", 0, 4, StringComparison.OrdinalIgnoreCase) == 0)
            {
                urlStarts.Add(i + 4);
            }

            code.Append(c);
        }

        return (code.ToString(), urlStarts);
    }

    private static void AssertAttributeValue(IElement element, IAttr attribute, bool remoteAllowed)
    {
        switch (attribute.Name)
        {
            case "href":
                Assert.Equal("a", element.LocalName);
                Assert.True(IsAllowedLink(attribute.Value), $"link {attribute.Value}");
                Assert.Equal("_blank", element.GetAttribute("target"));
                Assert.Equal("noopener noreferrer", element.GetAttribute("rel"));
                break;
            case "src":
                Assert.Equal("img", element.LocalName);
                Assert.True(IsAllowedResource(attribute.Value, remoteAllowed), $"src {attribute.Value}");
                break;
            case "background":
                Assert.True(IsAllowedResource(attribute.Value, remoteAllowed), $"background {attribute.Value}");
                break;
            case "id":
                Assert.StartsWith("mail-", attribute.Value, StringComparison.Ordinal);
                break;
            case "style":
                AssertCss(attribute.Value, remoteAllowed);
                break;
            case "title" or "alt" or "aria-label" or "summary" or "abbr":
                break; // text shown to the user, never a URL
            default:
                Assert.DoesNotContain("javascript:", attribute.Value, StringComparison.OrdinalIgnoreCase);
                break;
        }
    }

    private static void AssertCss(string css, bool remoteAllowed)
    {
        var code = ScanCss(css).Code;
        foreach (var forbidden in ForbiddenCss)
        {
            Assert.DoesNotContain(forbidden, code, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("<", css, StringComparison.Ordinal);
        foreach (var url in CssUrls(css))
        {
            Assert.True(IsAllowedResource(url, remoteAllowed), $"css url {url}");
        }

        foreach (var position in PositionValues(css))
        {
            Assert.Contains(position, new[] { "static", "relative" });
        }
    }

    /// <summary>The values of every <c>position</c> declaration (not background-position).</summary>
    public static List<string> PositionValues(string css)
    {
        var values = new List<string>();
        var at = 0;
        while ((at = css.IndexOf("position", at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var before = at == 0 ? ' ' : css[at - 1];
            at += "position".Length;
            var rest = css.AsSpan(at).TrimStart();
            if (before == '-' || rest.IsEmpty || rest[0] != ':')
            {
                continue;
            }

            var value = rest[1..];
            var end = value.IndexOfAny(';', '}');
            values.Add(value[..(end < 0 ? value.Length : end)].ToString().Replace("!important", "", StringComparison.Ordinal).Trim());
        }

        return values;
    }
}
