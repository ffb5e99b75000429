using System.Diagnostics;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using Ganss.Xss;

namespace WebMail.Mail.Html;

/// <summary>
/// Turns the HTML body of a mail into a fragment that is safe to show in our sandboxed message
/// frame: no script, no navigation or loads except the links and resources the policy allows
/// (<see cref="MailHtmlPolicy"/>, <see cref="MailUrlPolicy"/>), remote content blocked and
/// counted unless the caller allows it, <c>cid:</c> parts rewritten through the caller's resolver.
/// Thread-safe (register as a singleton): each call builds its own HtmlSanitizer and state.
/// </summary>
public sealed class MailHtmlSanitizer
{
    private const string DocumentPrefix = "<!doctype html><html><body>";
    private const int MaxVerifyPasses = 2;

    /// <summary>
    /// Bounds the work after parsing whatever the mail's size (a 2 MB newsletter has ~30,000
    /// elements); past it the mail is shown as plain text.
    /// </summary>
    private const int MaxElements = 250_000;

    /// <summary>
    /// AngleSharp's tree builder is quadratic in nesting depth (40,000 nested elements take tens of seconds,
    /// whatever MaximumDepth says). The parse counts its work as each token times the nesting it lands in
    /// (elements whose end tag is optional or void do not nest) and, past this, the mail is shown as plain
    /// text. Counting work instead of time gives the same answer on an idle and on a busy machine: a 2 MB
    /// newsletter costs about 1 M, 5,000 nested elements 12.5 M, 40,000 nested elements 800 M.
    /// </summary>
    private const long MaxParseWork = 20_000_000;

    /// <summary>A last resort against blow-ups the work count does not model; far above any real parse.</summary>
    private static readonly TimeSpan ParseTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Elements that never nest in the parser's stack (void, or closed implicitly by their siblings).</summary>
    private static readonly HashSet<string> FlatElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
        "p", "li", "dt", "dd", "td", "th", "tr", "tbody", "thead", "tfoot", "option", "optgroup", "rb", "rt", "rtc", "rp", "colgroup",
        "html", "head", "body",
    };

    /// <summary>Copied by each HtmlSanitizer's constructor, never mutated.</summary>
    private static readonly HtmlSanitizerOptions SanitizerOptions = MailHtmlPolicy.CreateSanitizerOptions();

    /// <summary>Sanitizes a mail's HTML (a fragment or a whole document) into a body fragment.</summary>
    /// <remarks>Never throws for any input string; empty input gives an empty fragment.</remarks>
    public SanitizedHtml Sanitize(string html, SanitizeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(html))
        {
            return new SanitizedHtml(string.Empty, 0);
        }

        var context = new SanitizeContext(options);
        try
        {
            return SanitizeCore(html, context) is { } output
                ? new SanitizedHtml(output, context.BlockedRemoteCount)
                : new SanitizedHtml(PlainTextFallback.Render(html), 0);
        }
#pragma warning disable CA1031 // Hostile input must never break the message view: fall back to inert text (also: parse budget or element cap exceeded).
        catch (Exception)
#pragma warning restore CA1031
        {
            // Shown as text: allowing remote content would not show anything more.
            return new SanitizedHtml(PlainTextFallback.Render(html), 0);
        }
    }

    /// <summary>The sanitized fragment, or null when the mail can only be shown as text.</summary>
    private static string? SanitizeCore(string html, SanitizeContext context)
    {
        var sanitizer = CreateSanitizer(context);
        using var document = Parse(html);
        if (document.Body is not IHtmlElement body)
        {
            return string.Empty;
        }

        MoveBodyPresentationIntoWrapper(document, body);
        SanitizeBody(sanitizer, document, body, context);
        var output = Serialize(body);

        // mXSS guard: the browser parses our output again; check that parse, not only ours.
        for (var pass = 0; pass < MaxVerifyPasses; pass++)
        {
            using var reparsed = Parse(output);
            if (reparsed.Body is not IHtmlElement reparsedBody)
            {
                return string.Empty;
            }

            if (MailHtmlVerifier.IsClean(reparsedBody, context))
            {
                return output;
            }

            SanitizeBody(sanitizer, reparsed, reparsedBody, context);
            output = Serialize(reparsedBody);
        }

        return null;
    }

    private static void SanitizeBody(HtmlSanitizer sanitizer, IHtmlDocument document, IHtmlElement body, SanitizeContext context)
    {
        MarkupPruner.Prune(body);
        foreach (var element in body.QuerySelectorAll("[style]"))
        {
            context.SetAsideCss(element, element.GetAttribute("style") ?? string.Empty, isStyleSheet: false);
            element.RemoveAttribute("style");
        }

        foreach (var element in body.QuerySelectorAll("style"))
        {
            context.SetAsideCss(element, element.TextContent, isStyleSheet: true);
            element.TextContent = string.Empty;
        }

        sanitizer.SanitizeDom(document, body);
    }

    /// <summary>
    /// One HtmlSanitizer per call, its hooks bound to this call's state. HtmlSanitizer removes
    /// what is not allowed (tags, attributes, comments); our PostProcessNode hook then applies
    /// the URL, id, link and CSS rules (<see cref="MailElementPolicy"/>).
    /// </summary>
    private static HtmlSanitizer CreateSanitizer(SanitizeContext context)
    {
        var sanitizer = new HtmlSanitizer(SanitizerOptions) { KeepChildNodes = true };
        // MarkupPruner has already applied the same rule; this stays as the safety net.
        sanitizer.RemovingTag += (_, e) =>
        {
            if (MarkupPruner.FateOf(e.Tag) == ElementFate.Drop)
            {
                e.Cancel = true;
                e.Tag.Remove();
            }
        };
        // Safety net: CSS is set aside before HtmlSanitizer runs and URL attributes are not
        // screened by it, so no URL should reach this hook; if one does, resource rules apply.
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = context.ApproveResource(e.OriginalUrl);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement element)
            {
                MailElementPolicy.Apply(element, context);
            }
        };
        return sanitizer;
    }

    /// <summary>
    /// Parses as the message frame will (scripting disabled, as in a sandbox without
    /// allow-scripts), inside our body: a whole document's head elements (styles, meta,
    /// links...) land in the body, where the policy sees them. The document has no CSS support
    /// (see <see cref="SanitizeContext.SetAsideCss"/> for where CSS goes).
    /// </summary>
    private static IHtmlDocument Parse(string html)
    {
        var stopwatch = Stopwatch.StartNew();
        var tokens = 0;
        var elements = 0;
        var depth = 0L;
        var work = 0L;
        var options = new HtmlParserOptions
        {
            IsScripting = false,
            OnToken = (token, _) =>
            {
                if (token is HtmlTagToken tag && !FlatElements.Contains(tag.Name))
                {
                    depth = tag.Type == HtmlTokenType.StartTag ? depth + (tag.IsSelfClosing ? 0 : 1) : Math.Max(0, depth - 1);
                }

                work += depth + 1;
                if (work > MaxParseWork || ((++tokens & 1023) == 0 && stopwatch.Elapsed > ParseTimeLimit))
                {
                    throw new TimeoutException("The message markup is too complex to display as HTML.");
                }
            },
            OnCreated = (_, _) =>
            {
                if (++elements > MaxElements)
                {
                    throw new InvalidDataException("The message has too many elements to display as HTML.");
                }
            },
        };
        return new HtmlParser(options).ParseDocument(DocumentPrefix + html);
    }

    /// <summary>
    /// The mail's own <c>&lt;body bgcolor text style class&gt;</c> would be lost with the body
    /// element: carry them to a wrapper div, to be sanitized like any other element.
    /// </summary>
    private static void MoveBodyPresentationIntoWrapper(IHtmlDocument document, IHtmlElement body)
    {
        if (body.Attributes.Length == 0)
        {
            return;
        }

        var declarations = new List<string>();
        if (body.GetAttribute("bgcolor") is { } background && IsPlainColor(background))
        {
            declarations.Add("background-color: " + background);
        }

        if (body.GetAttribute("text") is { } color && IsPlainColor(color))
        {
            declarations.Add("color: " + color);
        }

        if (body.GetAttribute("style") is { } style)
        {
            declarations.Add(style);
        }

        var className = body.GetAttribute("class");

        foreach (var attribute in body.Attributes.ToList())
        {
            body.RemoveAttribute(attribute.NamespaceUri, attribute.LocalName);
        }

        if (declarations.Count == 0 && className is null)
        {
            return;
        }

        var wrapper = document.CreateElement("div");
        if (declarations.Count > 0)
        {
            wrapper.SetAttribute("style", string.Join("; ", declarations));
        }

        if (className is not null)
        {
            wrapper.SetAttribute("class", className);
        }

        wrapper.Append([.. body.ChildNodes]);
        body.AppendChild(wrapper);
    }

    private static bool IsPlainColor(string value) =>
        value.Length is > 0 and <= 32 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '#');

    private static string Serialize(IElement body) => MarkupWriter.WriteChildren(body, HtmlFormatter.Instance);
}
