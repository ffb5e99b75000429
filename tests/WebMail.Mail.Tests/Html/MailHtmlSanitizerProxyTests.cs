using WebMail.Mail.Html;

namespace WebMail.Mail.Tests.Html;

/// <summary>With remote content shown through WebMail's proxy, no remote URL is left for the browser to load.</summary>
public sealed class MailHtmlSanitizerProxyTests
{
    private static readonly MailHtmlSanitizer Sanitizer = new();

    private static SanitizedHtml SanitizeThroughProxy(string html) =>
        Sanitizer.Sanitize(html, new SanitizeOptions(true, FrameDom.ResolvePart, url => "/proxy/" + Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(url))));

    [Theory]
    [InlineData("<img src=\"https://tracker.example/open.gif?u=1\">")]
    [InlineData("<table background=\"https://tracker.example/bg.png\"><tr><td>x</td></tr></table>")]
    [InlineData("<div style=\"background-image:url('https://tracker.example/bg.png')\">x</div>")]
    [InlineData("<div style=\"background:#fff url(https://tracker.example/bg.png) no-repeat\">x</div>")]
    [InlineData("<style>.a{background:url(\"https://tracker.example/bg.png\")}</style><div class=\"a\">x</div>")]
    [InlineData("<img src=\"  https://TRACKER.example/open.gif\t\">")]
    public void RemoteResource_ShownThroughProxy_RewrittenToTheProxyUrl(string html)
    {
        var result = SanitizeThroughProxy(html);

        Assert.DoesNotContain("tracker.example", result.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/proxy/" + Convert.ToHexString("https://tracker.example/"u8), result.Html, StringComparison.Ordinal);
        Assert.Equal(0, result.BlockedRemoteCount);
    }

    [Fact]
    public void CidImage_ShownThroughProxy_StillServedByTheApp()
    {
        var result = SanitizeThroughProxy("<img src=\"cid:logo@x\"><img src=\"https://tracker.example/a.png\">");

        Assert.Contains(FrameDom.PartUrlPrefix + "logo", result.Html, StringComparison.Ordinal);
        Assert.Contains("/proxy/", result.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewriter_ReturnsUnsafeOrNoUrl_ResourceDropped()
    {
        var unsafeUrl = Sanitizer.Sanitize("<img src=\"https://tracker.example/a.png\">", new SanitizeOptions(true, FrameDom.ResolvePart, _ => "javascript:alert(1)"));
        var none = Sanitizer.Sanitize("<img src=\"https://tracker.example/a.png\">", new SanitizeOptions(true, FrameDom.ResolvePart, _ => null));

        Assert.DoesNotContain("src=", unsafeUrl.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", none.Html, StringComparison.Ordinal);
    }
}
