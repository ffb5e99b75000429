using System.Text;
using AngleSharp.Dom;
using WebMail.Mail.Html;

namespace WebMail.Mail.Tests.Html;

/// <summary>What legitimate mail keeps, how remote content is counted, and robustness.</summary>
public sealed class MailHtmlSanitizerTests
{
    private static readonly MailHtmlSanitizer Sanitizer = new();

    private static SanitizedHtml Sanitize(string html, bool allowRemote = false) =>
        Sanitizer.Sanitize(html, FrameDom.Options(allowRemote));

    private static IElement Single(string html, string selector, bool allowRemote = false)
    {
        var result = Sanitize(html, allowRemote);
        FrameDom.AssertInert(result.Html, allowRemote);
        return Assert.Single(FrameDom.Parse(result.Html).Body!.QuerySelectorAll(selector));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Sanitize_EmptyInput_ReturnsEmptyFragment(string? html)
    {
        var result = Sanitizer.Sanitize(html!, FrameDom.Options(allowRemote: false));

        Assert.Equal(string.Empty, result.Html);
        Assert.Equal(0, result.BlockedRemoteCount);
    }

    [Fact]
    public void Sanitize_TableWithInlineStyles_KeepsLayout()
    {
        var result = Sanitize("<table style=\"border-collapse:collapse\" width=\"600\" align=\"center\" cellpadding=\"0\"><tr>"
            + "<td bgcolor=\"#eeeeee\" valign=\"top\" style=\"padding:10px 20px;font-family:'Segoe UI',Arial\">cell</td></tr></table>");

        var document = FrameDom.Parse(result.Html);
        var table = Assert.Single(document.QuerySelectorAll("table"));
        var cell = Assert.Single(document.QuerySelectorAll("td"));
        Assert.Contains("border-collapse: collapse", table.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("600", table.GetAttribute("width"));
        Assert.Equal("center", table.GetAttribute("align"));
        Assert.Equal("#eeeeee", cell.GetAttribute("bgcolor"));
        Assert.Equal("top", cell.GetAttribute("valign"));
        Assert.Equal("padding: 10px 20px; font-family: 'Segoe UI',Arial", cell.GetAttribute("style"));
        Assert.Equal("cell", cell.TextContent);
    }

    [Fact]
    public void Sanitize_HttpsLink_KeptWithBlankTargetAndNoopener()
    {
        var link = Single("<a href=\"https://example.com/news?id=1&amp;x=2\" target=\"_self\" rel=\"opener\">Read</a>", "a");

        Assert.Equal("https://example.com/news?id=1&x=2", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        Assert.Equal("Read", link.TextContent);
    }

    [Fact]
    public void Sanitize_MailtoLink_Kept()
    {
        var link = Single("<a href=\"mailto:news@example.com?subject=Unsubscribe\">unsubscribe</a>", "a");

        Assert.Equal("mailto:news@example.com?subject=Unsubscribe", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Theory]
    [InlineData("cid:logo@x")]
    [InlineData("CID:logo@x")]
    [InlineData("cid:logo%40x")]
    [InlineData(" cid:<logo@x> ")]
    public void Sanitize_CidImage_RewrittenThroughResolver(string src)
    {
        var image = Single($"<img src=\"{src}\" alt=\"logo\">", "img");

        Assert.Equal(FrameDom.PartUrlPrefix + "logo", image.GetAttribute("src"));
    }

    [Fact]
    public void Sanitize_UnknownCid_ImageSourceRemoved()
    {
        var image = Single("<img src=\"cid:missing@x\" alt=\"gone\">", "img");

        Assert.Null(image.GetAttribute("src"));
        Assert.Equal("gone", image.GetAttribute("alt"));
    }

    [Fact]
    public void Sanitize_CidInCss_RewrittenInStyleAttributeBlockAndBackgroundAttribute()
    {
        var result = Sanitize("<style>.hero { background: url(cid:bg@x) no-repeat }</style>"
            + "<div class=\"hero\" style=\"background-image: url('cid:bg@x')\"><table background=\"cid:bg@x\"><tr><td>x</td></tr></table></div>");

        FrameDom.AssertInert(result.Html, remoteAllowed: false);
        var document = FrameDom.Parse(result.Html);
        var expected = FrameDom.PartUrlPrefix + "bg";
        Assert.Equal([expected], FrameDom.CssUrls(Assert.Single(document.QuerySelectorAll("style")).TextContent));
        Assert.Equal([expected], FrameDom.CssUrls(document.QuerySelector("div")!.GetAttribute("style")!));
        Assert.Equal(expected, document.QuerySelector("table")!.GetAttribute("background"));
    }

    [Fact]
    public void Sanitize_RemoteContentAllowed_RemoteImagesKept()
    {
        var result = Sanitize("<img src=\"https://cdn.example.com/a.png\"><div style=\"background:url(https://cdn.example.com/b.png)\">x</div>", allowRemote: true);

        FrameDom.AssertInert(result.Html, remoteAllowed: true);
        var document = FrameDom.Parse(result.Html);
        Assert.Equal("https://cdn.example.com/a.png", document.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal(["https://cdn.example.com/b.png"], FrameDom.CssUrls(document.QuerySelector("div")!.GetAttribute("style")!));
        Assert.Equal(0, result.BlockedRemoteCount);
    }

    [Fact]
    public void Sanitize_RemoteContentBlocked_EveryRemoteResourceRemovedAndCounted()
    {
        const string html = "<style>.a { background: url(https://t.example/1.png) }</style>"
            + "<img src=\"https://t.example/2.png\"><img src=\"http://t.example/3.gif\" width=\"1\">"
            + "<table background=\"https://t.example/4.png\"><tr><td style=\"background-image:url(https://t.example/5.png)\">x</td></tr></table>"
            + "<img src=\"cid:logo@x\"><a href=\"https://example.com/\">links are not counted</a>";

        var result = Sanitize(html);

        FrameDom.AssertInert(result.Html, remoteAllowed: false);
        Assert.Equal(5, result.BlockedRemoteCount);
        var document = FrameDom.Parse(result.Html);
        Assert.Equal(FrameDom.PartUrlPrefix + "logo", document.QuerySelectorAll("img")[2].GetAttribute("src"));
        Assert.Equal("https://example.com/", document.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Sanitize_RemoteBackgroundBlocked_BackgroundColourKept()
    {
        var cell = Single("<td><div style=\"background: #ffcc00 url(https://t.example/bg.png) no-repeat\">x</div></td>", "div");

        Assert.Equal("background: #ffcc00 none no-repeat", cell.GetAttribute("style"));
    }

    [Fact]
    public void Sanitize_NonAsciiText_KeptIntact()
    {
        const string text = "Grüße, naïve café — 日本語のテキスト, עברית, emoji 😀👍🏽, math ∑√∞";

        var paragraph = Single($"<p title=\"{text}\">{text}</p>", "p");

        Assert.Equal(text, paragraph.TextContent);
        Assert.Equal(text, paragraph.GetAttribute("title"));
    }

    [Fact]
    public void Sanitize_FullDocument_KeepsBodyContentAndHeadStyles()
    {
        var result = Sanitize("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Newsletter</title>"
            + "<style>p { color: #333333 }</style><link rel=\"stylesheet\" href=\"https://t.example/a.css\"></head>"
            + "<body bgcolor=\"#f4f4f4\" class=\"body\" onload=\"alert(1)\"><p>Hello</p></body></html>");

        FrameDom.AssertInert(result.Html, remoteAllowed: false);
        var body = FrameDom.Parse(result.Html).Body!;
        Assert.Contains("p { color: rgba(51, 51, 51, 1) }", Assert.Single(body.QuerySelectorAll("style")).TextContent, StringComparison.Ordinal);
        var wrapper = Assert.Single(body.QuerySelectorAll("div.body"));
        Assert.Equal("background-color: #f4f4f4", wrapper.GetAttribute("style"));
        Assert.Equal("Hello", wrapper.QuerySelector("p")!.TextContent);
        Assert.DoesNotContain("Newsletter", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_StyleBlocks_MergedWithMediaQueriesKeptAndIdSelectorsPrefixed()
    {
        var result = Sanitize("<style>#bodyTable { width: 100% !important } .x { color: red }</style>"
            + "<style>@media only screen and (max-width: 480px) { .col { display: block !important } }</style>"
            + "<table id=\"bodyTable\"><tr><td class=\"col\">x</td></tr></table>");

        FrameDom.AssertInert(result.Html, remoteAllowed: false);
        var document = FrameDom.Parse(result.Html);
        var css = Assert.Single(document.QuerySelectorAll("style")).TextContent;
        Assert.Contains("#mail-bodyTable { width: 100% !important }", css, StringComparison.Ordinal);
        Assert.Contains("@media only screen and (max-width: 480px)", css, StringComparison.Ordinal);
        Assert.Contains(".col { display: block !important }", css, StringComparison.Ordinal);
        Assert.Equal("mail-bodyTable", document.QuerySelector("table")!.Id);
    }

    [Fact]
    public void Sanitize_PositionRelative_Kept()
    {
        var element = Single("<div style=\"position: relative; top: 2px; z-index: 3\">x</div>", "div");

        Assert.Equal("position: relative; top: 2px; z-index: 3", element.GetAttribute("style"));
    }

    [Fact]
    public void Sanitize_ResolverThrows_ImageSourceRemovedWithoutThrowing()
    {
        var options = new SanitizeOptions(false, _ => throw new InvalidOperationException("store down"));

        var result = Sanitizer.Sanitize("<img src=\"cid:logo@x\" alt=\"a\">", options);

        Assert.Null(Assert.Single(FrameDom.Parse(result.Html).QuerySelectorAll("img")).GetAttribute("src"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example/part")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("/parts/1\" onerror=\"alert(1)")]
    public void Sanitize_ResolverReturnsUnsafeUrl_ImageSourceRemoved(string resolved)
    {
        var result = Sanitizer.Sanitize("<img src=\"cid:logo@x\" alt=\"a\">", new SanitizeOptions(false, _ => resolved));

        FrameDom.AssertInert(result.Html, remoteAllowed: false);
        Assert.Null(Assert.Single(FrameDom.Parse(result.Html).QuerySelectorAll("img")).GetAttribute("src"));
    }

    [Fact]
    public void Sanitize_TwoMegabyteNewsletter_Completes()
    {
        const string row = "<tr><td align=\"left\" bgcolor=\"#ffffff\" style=\"padding:10px 20px;border-top:1px solid #eee;color:#333\">"
            + "<a href=\"https://example.com/item?id=1\" style=\"color:#1a82e2\">Item ünï</a><br>"
            + "<img src=\"https://cdn.example.com/img.png\" width=\"100\" style=\"display:block;border:0\"> Lorem ipsum dolor sit amet.</td></tr>\n";
        var html = new StringBuilder("<html><head><style>.a { color: red }</style></head><body><table>");
        while (html.Length < 2_000_000)
        {
            html.Append(row);
        }

        var result = Sanitize(html.Append("</table></body></html>").ToString());

        Assert.StartsWith("<style>", result.Html, StringComparison.Ordinal);
        Assert.True(result.BlockedRemoteCount > 5000);
        Assert.True(result.Html.Length > 1_000_000);
    }

    [Fact]
    public void Sanitize_ConcurrentCalls_KeepTheirOwnOptionsAndCounts()
    {
        const string html = "<img src=\"https://t.example/a.png\"><img src=\"https://t.example/b.png\">";

        Parallel.For(0, 64, i =>
        {
            var allow = i % 2 == 0;
            var result = Sanitize(html, allow);
            Assert.Equal(allow ? 0 : 2, result.BlockedRemoteCount);
            Assert.Equal(allow ? 2 : 0, FrameDom.Parse(result.Html).QuerySelectorAll("img[src]").Length);
        });
    }
}
