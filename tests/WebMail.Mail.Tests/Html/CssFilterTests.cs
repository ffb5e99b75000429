using WebMail.Mail.Html;

namespace WebMail.Mail.Tests.Html;

/// <summary>The CSS allow-list: what it does not understand, it drops.</summary>
public sealed class CssFilterTests
{
    private static string? Approve(string url) =>
        url.StartsWith("https://ok.example/", StringComparison.Ordinal) ? url : null;

    private static string Filter(string css) => CssDeclarationFilter.Filter(css, Approve);

    [Theory]
    [InlineData("background-image: image-set(\"https://evil.example/a.png\" 1x)")]
    [InlineData("background-image: -webkit-image-set(url(https://ok.example/a.png) 1x)")]
    [InlineData("background-image: var(--x, url(https://evil.example/a.png))")]
    [InlineData("width: env(safe-area-inset-left, 10px)")]
    [InlineData("background-image: if(media(print): none; else: url(https://evil.example/a.png))")]
    [InlineData("width: attr(data-w px)")]
    [InlineData("background-image: cross-fade(url(https://ok.example/a.png), none)")]
    [InlineData("background-image: element(#x)")]
    [InlineData("background-image: paint(worklet)")]
    [InlineData("background-image: src(\"https://evil.example/a.png\")")]
    [InlineData("width: expression(alert(1))")]
    [InlineData("background: u\\72l(https://evil.example/a.png)")]
    [InlineData("background-image: \\75rl(https://evil.example/a.png)")]
    [InlineData("color: r\\65d")]
    [InlineData("color: red } body { background: url(https://evil.example/a.png)")]
    [InlineData("--x: url(https://evil.example/a.png)")]
    [InlineData("behavior: url(https://evil.example/x.htc)")]
    [InlineData("-moz-binding: url(https://evil.example/x.xml)")]
    [InlineData("list-style-image: url(https://ok.example/a.png)")]
    [InlineData("cursor: url(https://ok.example/a.cur), auto")]
    [InlineData("content: url(https://ok.example/a.png)")]
    [InlineData("filter: url(https://ok.example/f.svg#x)")]
    [InlineData("mask-image: url(https://ok.example/m.png)")]
    [InlineData("border-image: url(https://ok.example/b.png) 30")]
    [InlineData("position: fixed")]
    [InlineData("position: sticky")]
    [InlineData("position: absolute")]
    [InlineData("font-family: \"</style><script>alert(1)</script>\"")]
    [InlineData("background: url(\"https://ok.example/a.png\" ) no-repeat url(")]
    [InlineData("color: red !importantish")]
    public void Filter_LoadingOrUnknownCss_DeclarationDropped(string css)
    {
        Assert.Equal(string.Empty, Filter(css));
    }

    [Theory]
    [InlineData("color:#FFF", "color: #FFF")]
    [InlineData("COLOR: Red", "color: Red")]
    [InlineData("border-collapse:collapse;padding:0 0 10px 0", "border-collapse: collapse; padding: 0 0 10px 0")]
    [InlineData("font: bold 12px/1.5 'Helvetica Neue', Arial, sans-serif", "font: bold 12px/1.5 'Helvetica Neue', Arial, sans-serif")]
    [InlineData("width: calc(100% - 2 * 10px) !important", "width: calc(100% - 2 * 10px) !important")]
    [InlineData("color: rgba(0, 0, 0, .5); margin: -1px auto", "color: rgba(0, 0, 0, .5); margin: -1px auto")]
    [InlineData("background: linear-gradient(to right, #fff 0%, #000 100%)", "background: linear-gradient(to right, #fff 0%, #000 100%)")]
    [InlineData("background: #fc0 url(https://ok.example/a.png) no-repeat", "background: #fc0 url(\"https://ok.example/a.png\") no-repeat")]
    [InlineData("background: #fc0 url('https://evil.example/a.png') no-repeat", "background: #fc0 none no-repeat")]
    [InlineData("color: red; /* comment */ width: 1px", "color: red; width: 1px")]
    [InlineData("mso-line-height-rule: exactly; line-height: 20px", "line-height: 20px")]
    [InlineData("position: relative; z-index: 2147483647", "position: relative; z-index: 2147483647")]
    [InlineData("font-family: 微软雅黑, \"Segoe UI\"", "font-family: 微软雅黑, \"Segoe UI\"")]
    [InlineData("background-repeat-x: no-repeat; background-repeat-y: repeat", "background-repeat: no-repeat repeat")]
    public void Filter_PlainCss_KeptInCanonicalForm(string css, string expected)
    {
        var filtered = Filter(css);

        Assert.Equal(expected, filtered);
        Assert.Equal(filtered, Filter(filtered));
    }

    [Theory]
    [InlineData("@import url(https://ok.example/a.css); p { color: red }")]
    [InlineData("@font-face { font-family: x; src: url(https://ok.example/f.woff) } p { color: red }")]
    [InlineData("@property --x { syntax: '<color>'; inherits: false; initial-value: red } p { color: red }")]
    [InlineData("@keyframes k { from { color: blue } } p { color: red }")]
    [InlineData("@layer base { p { color: blue } } p { color: red }")]
    [InlineData("@supports (display: grid) { p { color: blue } } p { color: red }")]
    [InlineData("@page { margin: 0 } p { color: red }")]
    [InlineData("@namespace svg url(http://www.w3.org/2000/svg); p { color: red }")]
    [InlineData("p { color: red; & span { color: blue } }")]
    public void FilterStyleSheet_AtRuleOtherThanMedia_Dropped(string css)
    {
        Assert.Equal("p { color: rgba(255, 0, 0, 1) }\n", CssStyleSheetFilter.Filter(css, Approve));
    }

    [Fact]
    public void FilterStyleSheet_OldNewsletterCommentMarkers_RulesKept()
    {
        Assert.Equal("p { color: rgba(255, 0, 0, 1) }\n", CssStyleSheetFilter.Filter("<!-- p { color: red } -->", Approve));
    }

    [Theory]
    [InlineData("#bodyTable .x", "#mail-bodyTable .x")]
    [InlineData("a:not(#skip) > span", "a:not(#mail-skip) > span")]
    [InlineData("a[href=\"#top\"]", "a[href=\"#top\"]")]
    [InlineData("u + .body a", "u + .body a")]
    [InlineData("p\\:hover", null)]
    [InlineData("p;x", null)]
    [InlineData("p@x", null)]
    [InlineData("p/x", null)]
    [InlineData("p<x", null)]
    [InlineData("a[title=\"}\"]", null)]
    public void RewriteSelector_Selector_PrefixedOrRejected(string selector, string? expected)
    {
        Assert.Equal(expected, CssStyleSheetFilter.RewriteSelector(selector));
    }
}
