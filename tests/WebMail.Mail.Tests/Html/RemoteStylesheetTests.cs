using WebMail.Mail.Html;

namespace WebMail.Mail.Tests.Html;

/// <summary>
/// Remote CSS, with remote content shown: a remote stylesheet (<c>link</c>, <c>@import</c>) or font (<c>@font-face</c>)
/// is never loaded, through the proxy or directly, because its text would reach the frame without passing the CSS filter;
/// images named in the mail's own CSS are loaded like any other image (through the proxy, or directly in Direct mode).
/// </summary>
public sealed class RemoteStylesheetTests
{
    private static readonly MailHtmlSanitizer Sanitizer = new();

    public static TheoryData<string> Stylesheets => new()
    {
        "<link rel=\"stylesheet\" href=\"https://sender.example/s.css\"><p>x</p>",
        "<style>@import url(\"https://sender.example/s.css\"); p { color: red }</style><p>x</p>",
        "<style>@import 'https://sender.example/s.css' screen;</style><p>x</p>",
        "<style>@font-face { font-family: F; src: url(https://sender.example/f.woff2) }</style><p style=\"font-family:F\">x</p>",
        "<style>@media screen { @import url(https://sender.example/s.css); }</style><p>x</p>",
        "<p style=\"behavior:url(https://sender.example/x.htc)\">x</p>",
    };

    [Theory]
    [MemberData(nameof(Stylesheets))]
    public void RemoteStylesheetOrFont_ShownThroughProxy_NotLoaded(string html)
    {
        var result = Sanitizer.Sanitize(html, new SanitizeOptions(true, FrameDom.ResolvePart, url => "/proxy/" + Uri.EscapeDataString(url)));

        Assert.DoesNotContain("sender.example", result.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/proxy/", result.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", result.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("@font-face", result.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Stylesheets))]
    public void RemoteStylesheetOrFont_ShownDirectly_NotLoaded(string html)
    {
        var result = Sanitizer.Sanitize(html, new SanitizeOptions(true, FrameDom.ResolvePart));

        Assert.DoesNotContain("sender.example", result.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", result.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void BackgroundImageInTheMailsOwnCss_ShownThroughProxyOrDirectly_LoadedAsAnImage()
    {
        const string Html = "<style>td { background: url(https://sender.example/bg.png) }</style><table><tr><td style=\"background-image:url('https://sender.example/cell.png')\">x</td></tr></table>";

        var proxied = Sanitizer.Sanitize(Html, new SanitizeOptions(true, FrameDom.ResolvePart, url => "/proxy/" + Uri.EscapeDataString(url)));
        var direct = Sanitizer.Sanitize(Html, new SanitizeOptions(true, FrameDom.ResolvePart));

        Assert.Contains("/proxy/" + Uri.EscapeDataString("https://sender.example/bg.png"), proxied.Html, StringComparison.Ordinal);
        Assert.Contains("/proxy/" + Uri.EscapeDataString("https://sender.example/cell.png"), proxied.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://sender.example", proxied.Html, StringComparison.Ordinal);
        Assert.Contains("https://sender.example/bg.png", direct.Html, StringComparison.Ordinal);
        Assert.Contains("https://sender.example/cell.png", direct.Html, StringComparison.Ordinal);
    }
}
