using WebMail.Mail.Rendering;

namespace WebMail.Mail.Tests.Rendering;

public sealed class HtmlTextExtractorTests
{
    [Fact]
    public void Extract_Document_KeepsTextDropsHeadScriptsStylesAndComments()
    {
        var text = HtmlTextExtractor.Extract(
            "<html><head><title>T</title><style>p{color:red}</style></head><body><!-- hidden -->" +
            "<p>Hello&nbsp;<b>Alice</b> &amp; Bob</p><script>alert('x')</script><div>Second   line</div></body></html>");

        Assert.Equal("Hello\u00a0Alice & Bob\nSecond line", text);
    }

    [Fact]
    public void Extract_TableAndBreaks_CellsSpacedRowsOnLines()
    {
        var text = HtmlTextExtractor.Extract("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>x<br>y<br><br>z");

        Assert.Equal("a b\nc\nx\ny\n\nz", text);
    }

    [Fact]
    public void Extract_LoneAngleBracketAndUnclosedTag_KeptAsTextOrDropped()
    {
        Assert.Equal("1 < 2 and 3", HtmlTextExtractor.Extract("1 < 2 and 3<b"));
    }

    [Fact]
    public void Extract_UnclosedScript_DropsTheRest()
    {
        Assert.Equal("before", HtmlTextExtractor.Extract("before<script>never closed <p>text"));
    }
}
