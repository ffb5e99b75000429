using System.Text;
using WebMail.Mail.Html;

namespace WebMail.Mail.Tests.Html;

/// <summary>Malformed, huge, deep and randomised input: never throws, always inert.</summary>
public sealed class MailHtmlSanitizerRobustnessTests
{
    private static readonly MailHtmlSanitizer Sanitizer = new();

    private static readonly string[] Splinters =
    [
        "<", ">", "\"", "'", "=", "/", "\\", "&", "&#", ";", ":", "\0", "\n", "<!--", "-->", "<![CDATA[", "]]>",
        "<svg>", "</svg>", "<math>", "<style>", "</style>", "<noscript>", "</noscript>", "<table>", "<td>",
        "<template>", "<select>", "<textarea>", "</title>", "javascript:", "url(", ")", "\\75rl(", "@import ",
        " onerror=alert(1) ", " style=\"", " href=\"", " src=\"", "cid:logo@x", "https://evil.example/x.png",
    ];

    [Fact]
    public void Sanitize_RandomisedHostileMarkup_NeverThrowsAndStaysInert()
    {
        var attacks = MailHtmlSanitizerAttackTests.Attacks.Select(row => (string)row[1]).ToArray();
        var random = new Random(20260612);
        for (var i = 0; i < 300; i++)
        {
            var html = new StringBuilder();
            for (var part = random.Next(1, 5); part > 0; part--)
            {
                var attack = attacks[random.Next(attacks.Length)];
                var cut = random.Next(attack.Length + 1);
                html.Append(attack, 0, cut).Append(Splinters[random.Next(Splinters.Length)]).Append(attack, cut, attack.Length - cut);
            }

            foreach (var allowRemote in new[] { false, true })
            {
                var result = Sanitizer.Sanitize(html.ToString(), FrameDom.Options(allowRemote));
                var failure = Record.Exception(() => FrameDom.AssertInert(result.Html, allowRemote));
                Assert.True(failure is null, $"{failure?.Message}\ninput: {html}\noutput: {result.Html}");
            }
        }
    }

    [Theory]
    [InlineData("<div>", "</div>")]
    [InlineData("<table><tr><td>", "</td></tr></table>")]
    [InlineData("<b class=\"x\">", "")]
    [InlineData("<x-a>", "")]
    [InlineData("<svg><g>", "")]
    public void Sanitize_DeepNesting_CompletesInert(string open, string close)
    {
        var html = string.Concat(Enumerable.Repeat(open, 5000)) + "deep" + string.Concat(Enumerable.Repeat(close, 5000));

        var result = Sanitizer.Sanitize(html, FrameDom.Options(allowRemote: false));

        FrameDom.AssertInert(result.Html, remoteAllowed: false);
    }

    [Fact]
    public void Sanitize_FortyThousandNestedElements_FallsBackToTextByWorkNotByClock()
    {
        // Quadratic for the tree builder: cut by counted work, so the outcome is the same on a busy machine.
        var html = string.Concat(Enumerable.Repeat("<div>", 40_000)) + "deep";

        var result = Sanitizer.Sanitize(html, FrameDom.Options(allowRemote: false));

        var pre = Assert.Single(FrameDom.Parse(result.Html).Body!.Children);
        Assert.Equal("pre", pre.LocalName);
        Assert.EndsWith("deep", pre.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Sanitize_TooManyElements_FallsBackToInertPlainText()
    {
        var html = string.Concat(Enumerable.Repeat("<i onclick=\"alert(1)\">w</i>", 260_000));

        var result = Sanitizer.Sanitize(html, FrameDom.Options(allowRemote: false));

        FrameDom.AssertInert(result.Html, remoteAllowed: false);
        var pre = Assert.Single(FrameDom.Parse(result.Html).Body!.Children);
        Assert.Equal("pre", pre.LocalName);
        Assert.Equal(new string('w', 260_000), pre.TextContent);
    }

    [Fact]
    public void Sanitize_ManyUnknownWrappers_UnwrappedKeepingText()
    {
        var html = string.Concat(Enumerable.Repeat("<x-a><o:p>a</o:p></x-a><span>b</span>", 20_000));

        var result = Sanitizer.Sanitize(html, FrameDom.Options(allowRemote: false));

        var body = FrameDom.Parse(result.Html).Body!;
        Assert.Equal(20_000, body.Children.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat("ab", 20_000)), body.TextContent);
    }

    [Theory]
    [InlineData("<p>unclosed <b>bold <i>both</p> after")]
    [InlineData("</div></table></p><p>stray closers")]
    [InlineData("<table><p>foster<tr><td>cell</table>")]
    [InlineData("<a href=\"https://example.com/\">outer <a href=\"https://example.org/\">inner</a></a>")]
    [InlineData("<<p>>double<</p>>")]
    [InlineData("\0\0<p>\0nul\0</p>")]
    [InlineData("<p title=\"unterminated>text")]
    [InlineData("<!-- unterminated comment <p>x</p>")]
    public void Sanitize_MalformedMarkup_CompletesInertKeepingText(string html)
    {
        var result = Sanitizer.Sanitize(html, FrameDom.Options(allowRemote: false));

        FrameDom.AssertInert(result.Html, remoteAllowed: false);
    }
}
