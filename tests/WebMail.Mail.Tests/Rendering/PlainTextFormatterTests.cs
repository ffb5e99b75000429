using WebMail.Mail.Rendering;

namespace WebMail.Mail.Tests.Rendering;

public sealed class PlainTextFormatterTests
{
    [Fact]
    public void ToHtml_MarkupInText_IsEscapedNotInterpreted()
    {
        var html = PlainTextFormatter.ToHtml("<script>alert(1)</script> & <b>bold</b>");

        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;", html);
    }

    [Fact]
    public void ToHtml_WebLink_BecomesNewTabLinkWithoutReferrer()
    {
        var html = PlainTextFormatter.ToHtml("See https://example.org/a?b=1&c=2.");

        Assert.Equal("See <a href=\"https://example.org/a?b=1&amp;c=2\" target=\"_blank\" rel=\"noopener noreferrer\">https://example.org/a?b=1&amp;c=2</a>.", html);
    }

    [Fact]
    public void ToHtml_QuoteInUrl_CannotBreakOutOfAttribute()
    {
        var html = PlainTextFormatter.ToHtml("http://x.example/\"onmouseover=alert(1)");

        Assert.DoesNotContain("\"onmouseover", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<b>x</b>")]
    [InlineData("file:///etc/passwd")]
    public void ToHtml_OtherSchemes_StayPlainText(string text)
    {
        Assert.DoesNotContain("<a ", PlainTextFormatter.ToHtml(text), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Mailto_BecomesLink()
    {
        Assert.Contains("<a href=\"mailto:bob@example.test\"", PlainTextFormatter.ToHtml("Write to mailto:bob@example.test"), StringComparison.Ordinal);
    }
}
