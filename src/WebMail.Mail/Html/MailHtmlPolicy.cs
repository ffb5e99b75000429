using System.Collections.Frozen;
using AngleSharp.Css.Dom;
using Ganss.Xss;

namespace WebMail.Mail.Html;

/// <summary>
/// The mail HTML policy as data, in one place: what survives, what is dropped with its content,
/// which CSS is understood. Everything not listed here is removed (allow-lists only).
/// URL rules live in <see cref="MailUrlPolicy"/>, CSS value rules in <see cref="CssDeclarationFilter"/>.
/// </summary>
internal static class MailHtmlPolicy
{
    /// <summary>Prefix given to every <c>id</c> (and to <c>#id</c> selectors of kept style blocks).</summary>
    public const string IdPrefix = "mail-";

    /// <summary>Layout and text elements that are kept. Not listed = removed.</summary>
    public static readonly FrozenSet<string> AllowedTags = Set(
        "a", "abbr", "acronym", "address", "article", "aside", "b", "bdi", "bdo", "big", "blockquote",
        "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
        "dir", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "i", "img", "ins", "kbd", "li", "main", "mark",
        "nav", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s", "samp", "section", "small",
        "span", "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
        "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr");

    /// <summary>
    /// Removed together with everything inside them: active content, anything that loads,
    /// navigates, submits, opens a top-layer overlay, or parses differently on the way back
    /// (raw-text and foreign-content elements, the mXSS family). Other unknown elements
    /// (<c>o:p</c>, custom elements, <c>form</c>, <c>label</c>...) are unwrapped: their children stay.
    /// </summary>
    public static readonly FrozenSet<string> DroppedWithContent = Set(
        "script", "noscript", "noembed", "noframes", "xmp", "plaintext", "listing", "template",
        "iframe", "frame", "frameset", "object", "embed", "applet", "param", "portal", "fencedframe",
        "svg", "math", "canvas", "video", "audio", "source", "track", "map", "area", "image",
        "input", "button", "select", "option", "optgroup", "textarea", "datalist", "selectedcontent",
        "output", "keygen", "dialog", "menuitem", "slot", "marquee", "title", "head", "meta",
        "link", "base", "basefont", "bgsound", "isindex");

    /// <summary>
    /// Attributes kept (their values are then checked in the hooks: URLs, ids, styles).
    /// No event handlers, no <c>srcset</c>/<c>ping</c>/<c>formaction</c>/<c>popover*</c>/
    /// <c>command*</c>, no <c>name</c>, no <c>data-*</c>.
    /// </summary>
    public static readonly FrozenSet<string> AllowedAttributes = Set(
        "abbr", "align", "alt", "aria-hidden", "aria-label", "background", "bgcolor", "border",
        "cellpadding", "cellspacing", "char", "charoff", "class", "clear", "color", "cols", "colspan",
        "compact", "datetime", "dir", "face", "frame", "height", "href", "hspace", "id", "lang",
        "noshade", "nowrap", "open", "rel", "reversed", "role", "rowspan", "rules", "scope", "size",
        "span", "src", "start", "style", "summary", "target", "title", "type", "valign", "value",
        "vspace", "width");

    /// <summary>
    /// CSS properties understood in inline styles and style blocks. Shorthands come with their
    /// longhands (AngleSharp expands them). Nothing that positions outside the flow beyond
    /// <c>relative</c>, loads a URL other than backgrounds, animates, or runs code
    /// (<c>behavior</c>, <c>-moz-binding</c>, <c>content</c>, <c>cursor</c>, <c>filter</c>,
    /// <c>mask</c>, <c>list-style-image</c>, <c>border-image</c>, custom properties...).
    /// </summary>
    public static readonly FrozenSet<string> AllowedCssProperties = Set(
        "align-content", "align-items", "align-self",
        "background", "background-attachment", "background-clip", "background-color",
        "background-image", "background-origin", "background-position", "background-position-x",
        "background-position-y", "background-repeat", "background-repeat-x", "background-repeat-y",
        "background-size",
        "border", "border-bottom", "border-bottom-color", "border-bottom-left-radius",
        "border-bottom-right-radius", "border-bottom-style", "border-bottom-width", "border-collapse",
        "border-color", "border-left", "border-left-color", "border-left-style", "border-left-width",
        "border-radius", "border-right", "border-right-color", "border-right-style",
        "border-right-width", "border-spacing", "border-style", "border-top", "border-top-color",
        "border-top-left-radius", "border-top-right-radius", "border-top-style", "border-top-width",
        "border-width",
        "bottom", "box-shadow", "box-sizing", "caption-side", "clear", "color", "column-gap",
        "direction", "display", "empty-cells", "flex", "flex-basis", "flex-direction", "flex-flow",
        "flex-grow", "flex-shrink", "flex-wrap", "float",
        "font", "font-family", "font-size", "font-stretch", "font-style", "font-variant",
        "font-weight", "gap", "height", "justify-content", "left", "letter-spacing", "line-height",
        "list-style", "list-style-position", "list-style-type",
        "margin", "margin-bottom", "margin-left", "margin-right", "margin-top",
        "max-height", "max-width", "min-height", "min-width", "opacity",
        "outline", "outline-color", "outline-offset", "outline-style", "outline-width",
        "overflow", "overflow-wrap", "overflow-x", "overflow-y",
        "padding", "padding-bottom", "padding-left", "padding-right", "padding-top",
        "position", "right", "row-gap", "table-layout", "text-align", "text-decoration",
        "text-decoration-color", "text-decoration-line", "text-decoration-style", "text-indent",
        "text-overflow", "text-shadow", "text-transform", "top", "vertical-align", "visibility",
        "white-space", "width", "word-break", "word-spacing", "word-wrap", "z-index");

    /// <summary>The only properties whose value may hold a <c>url()</c> (images only).</summary>
    public static readonly FrozenSet<string> UrlCssProperties = Set("background", "background-image");

    /// <summary>The only properties whose value may hold a CSS string (font names).</summary>
    public static readonly FrozenSet<string> StringCssProperties = Set("font", "font-family");

    /// <summary>
    /// <c>position</c> values kept: no <c>fixed</c>/<c>sticky</c>/<c>absolute</c> overlays
    /// (a fake "session expired" box over the message).
    /// </summary>
    public static readonly FrozenSet<string> AllowedPositions = Set("static", "relative");

    /// <summary>
    /// CSS functions understood (colours, maths, gradients). Everything else - <c>var()</c>,
    /// <c>env()</c>, <c>if()</c>, <c>attr()</c>, <c>image-set()</c>, <c>src()</c>,
    /// <c>expression()</c>... - drops the whole declaration. <c>url()</c> is handled apart.
    /// </summary>
    public static readonly FrozenSet<string> AllowedCssFunctions = Set(
        "rgb", "rgba", "hsl", "hsla", "calc", "min", "max", "clamp",
        "linear-gradient", "radial-gradient", "repeating-linear-gradient", "repeating-radial-gradient");

    /// <summary>
    /// At-rules kept in style blocks: style rules and <c>@media</c>. <c>@import</c> is always
    /// removed (even with remote content allowed), as are <c>@font-face</c>, <c>@property</c>,
    /// <c>@function</c>, <c>@keyframes</c>, <c>@layer</c>, <c>@container</c> and unknown rules.
    /// </summary>
    public static readonly FrozenSet<CssRuleType> AllowedAtRules =
        new[] { CssRuleType.Style, CssRuleType.Media }.ToFrozenSet();

    /// <summary>
    /// Options for HtmlSanitizer. URL attributes are deliberately left empty: every URL attribute
    /// is checked by our own rules in the PostProcessNode hook (links and resources need different
    /// rules, which HtmlSanitizer's FilterUrl cannot tell apart). The CSS sets only matter if CSS
    /// ever reaches HtmlSanitizer (it is set aside for our filters before it runs).
    /// </summary>
    public static HtmlSanitizerOptions CreateSanitizerOptions()
    {
        var options = HtmlSanitizerOptions.Empty();
        options.AllowedTags.UnionWith(AllowedTags);
        options.AllowedAttributes.UnionWith(AllowedAttributes);
        options.AllowedCssProperties.UnionWith(AllowedCssProperties);
        options.AllowedAtRules.UnionWith(AllowedAtRules);
        options.AllowedSchemes.UnionWith(["http", "https"]);
        options.AllowCssCustomProperties = false;
        options.AllowDataAttributes = false;
        return options;
    }

    private static FrozenSet<string> Set(params string[] items) =>
        items.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
