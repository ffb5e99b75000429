using AngleSharp.Dom;

namespace WebMail.Mail.Html;

/// <summary>
/// Per-call state of one <see cref="MailHtmlSanitizer.Sanitize"/>: the caller's options, the
/// resource URLs approved so far (resolved cid URLs, allowed remote URLs) and the blocked count.
/// Never shared between calls or threads.
/// </summary>
internal sealed class SanitizeContext(SanitizeOptions options)
{
    private readonly HashSet<string> approved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> resolvedContentIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> rewrittenRemoteUrls = new(StringComparer.Ordinal);
    private readonly HashSet<string> emittedStyleSheets = new(StringComparer.Ordinal);
    private readonly Dictionary<IElement, string> inlineStyles = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IElement, string> styleSheets = new(ReferenceEqualityComparer.Instance);

    public int BlockedRemoteCount { get; private set; }

    /// <summary>
    /// Applies the resource rules to an image/background/CSS URL: returns the URL to load
    /// (the resolver's URL for cid:, the normalised URL for allowed remote content) or null to
    /// remove it, counting remote URLs removed only because remote content is blocked.
    /// </summary>
    public string? ApproveResource(string url)
    {
        if (approved.Contains(url))
        {
            return url;
        }

        var resource = MailUrlPolicy.ClassifyResource(url);
        switch (resource.Kind)
        {
            case ResourceKind.ContentId:
                var resolved = ResolveContentId(resource.Value);
                if (resolved is not null)
                {
                    approved.Add(resolved);
                }

                return resolved;
            case ResourceKind.Remote when options.AllowRemoteContent:
                var load = options.RewriteRemoteUrl is null ? resource.Value : RewriteRemote(resource.Value);
                if (load is not null)
                {
                    approved.Add(load);
                }

                return load;
            case ResourceKind.Remote:
                BlockedRemoteCount++;
                return null;
            default:
                return null;
        }
    }

    /// <summary>Whether a URL found in the output is one this call approved (used by the final check).</summary>
    public string? CheckApproved(string url) => approved.Contains(url) ? url : null;

    /// <summary>
    /// Takes CSS aside before HtmlSanitizer runs (an element's <c>style</c> attribute, a style
    /// block's text): CSS is judged by our filters alone, in the PostProcessNode hook.
    /// HtmlSanitizer's own CSS passes re-parse every style attribute through AngleSharp.Css
    /// (seconds on a large newsletter) and index rule lists by position, which AngleSharp
    /// answers by counting from the start (quadratic: 20,000 rules took 4 seconds).
    /// </summary>
    public void SetAsideCss(IElement element, string css, bool isStyleSheet) =>
        (isStyleSheet ? styleSheets : inlineStyles)[element] = css;

    /// <summary>Returns (once) the CSS taken aside for an element.</summary>
    public string? TakeCss(IElement element, bool isStyleSheet) =>
        (isStyleSheet ? styleSheets : inlineStyles).Remove(element, out var css) ? css : null;

    /// <summary>Records the text of a style block written by <see cref="CssStyleSheetFilter"/>.</summary>
    public void AddEmittedStyleSheet(string css) => emittedStyleSheets.Add(css);

    /// <summary>Whether a style block of the re-parsed output is one this call wrote.</summary>
    public bool IsEmittedStyleSheet(string css) => emittedStyleSheets.Contains(css);

    /// <summary>The caller's URL for a remote resource (its proxy), kept only if it is a safe URL of our app.</summary>
    private string? RewriteRemote(string url)
    {
        if (rewrittenRemoteUrls.TryGetValue(url, out var cached))
        {
            return cached;
        }

        string? rewritten;
        try
        {
            rewritten = options.RewriteRemoteUrl!(url);
        }
#pragma warning disable CA1031 // A failing rewriter means "do not load it": the sanitizer never throws.
        catch (Exception)
#pragma warning restore CA1031
        {
            rewritten = null;
        }

        rewritten = MailUrlPolicy.IsSafeAppUrl(rewritten) ? rewritten : null;
        rewrittenRemoteUrls[url] = rewritten;
        return rewritten;
    }

    private string? ResolveContentId(string contentId)
    {
        if (resolvedContentIds.TryGetValue(contentId, out var cached))
        {
            return cached;
        }

        string? resolved;
        try
        {
            resolved = options.ResolveContentId(contentId);
        }
#pragma warning disable CA1031 // A failing resolver means "no such part": the sanitizer never throws.
        catch (Exception)
#pragma warning restore CA1031
        {
            resolved = null;
        }

        resolved = MailUrlPolicy.IsSafeAppUrl(resolved) ? resolved : null;
        resolvedContentIds[contentId] = resolved;
        return resolved;
    }
}
