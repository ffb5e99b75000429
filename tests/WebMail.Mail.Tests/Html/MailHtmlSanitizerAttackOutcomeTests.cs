using AngleSharp.Dom;
using WebMail.Mail.Html;

namespace WebMail.Mail.Tests.Html;

/// <summary>
/// What exactly happens to specific attacks (beyond "the output is inert"), and proof that the
/// corpus oracle <see cref="FrameDom.AssertInert"/> does reject unsafe output.
/// </summary>
public sealed class MailHtmlSanitizerAttackOutcomeTests
{
    private static readonly MailHtmlSanitizer Sanitizer = new();

    private static Outcome Sanitize(string html, bool allowRemote = false)
    {
        var result = Sanitizer.Sanitize(html, FrameDom.Options(allowRemote));
        FrameDom.AssertInert(result.Html, allowRemote);
        return new Outcome(FrameDom.Parse(result.Html).Body!, result.BlockedRemoteCount);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"https://example.com/\">no target</a>")]
    [InlineData("<img src=\"https://t.example/a.png\">")]
    [InlineData("<img src=\"/account/logout\">")]
    [InlineData("<div style=\"background:url(https://t.example/a.png)\">x</div>")]
    [InlineData("<div style=\"position: fixed\">x</div>")]
    [InlineData("<div style=\"background-image: image-set('https://t.example/a.png' 1x)\">x</div>")]
    [InlineData("<svg><animate attributeName=\"href\" values=\"javascript:alert(1)\"/></svg>")]
    [InlineData("<link rel=\"preconnect\" href=\"https://t.example\">")]
    [InlineData("<style>@import url(https://t.example/a.css);</style>")]
    [InlineData("<button popovertarget=\"p\">x</button>")]
    [InlineData("<p>a<!-- comment --></p>")]
    public void FrameDom_UnsafeOutput_IsRejectedByTheOracle(string unsafeOutput)
    {
        Assert.ThrowsAny<Exception>(() => FrameDom.AssertInert(unsafeOutput, remoteAllowed: false));
    }

    [Theory]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">click</a>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">click</a>")]
    [InlineData("<a href=\"  javascript:alert(1)\">click</a>")]
    [InlineData("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">click</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">click</a>")]
    public void Sanitize_ScriptLink_TextKeptWithoutHref(string html)
    {
        var link = Assert.Single(Sanitize(html).Body.QuerySelectorAll("a"));

        Assert.Null(link.GetAttribute("href"));
        Assert.Null(link.GetAttribute("target"));
        Assert.Equal("click", link.TextContent);
    }

    [Theory]
    [InlineData("<svg><a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/><text>click</text></a></svg>")]
    [InlineData("<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>click</text></a></svg>")]
    [InlineData("<math href=\"javascript:alert(1)\"><mi>click</mi></math>")]
    public void Sanitize_ForeignContentLink_NothingClickableRemains(string html)
    {
        var body = Sanitize(html).Body;

        Assert.Empty(body.QuerySelectorAll("*"));
    }

    [Fact]
    public void Sanitize_PositionFixedOverlay_TextKeptWithoutOverlayPosition()
    {
        var overlay = Assert.Single(Sanitize("<div style=\"position:fixed;top:0;left:0;width:100%;z-index:99999\">Session expired</div>").Body.QuerySelectorAll("div"));

        Assert.Equal("Session expired", overlay.TextContent);
        Assert.Equal("top: 0; left: 0; width: 100%; z-index: 99999", overlay.GetAttribute("style"));
    }

    [Fact]
    public void Sanitize_PopoverAndCommandButtons_NoTopLayerTriggerRemains()
    {
        var body = Sanitize("<button popovertarget=\"p\">open</button><div popover id=\"p\">fake login</div>"
            + "<button commandfor=\"d\" command=\"show-modal\">open</button><dialog id=\"d\" open>fake</dialog>").Body;

        Assert.Empty(body.QuerySelectorAll("button, dialog, [popover], [popovertarget], [commandfor]"));
        Assert.Equal("fake login", body.TextContent);
    }

    [Fact]
    public void Sanitize_DomClobbering_IdsPrefixedAndNamesDropped()
    {
        var body = Sanitize("<img name=\"getElementById\"><div id=\"location\">x</div><a name=\"cookie\">y</a>").Body;

        Assert.Empty(body.QuerySelectorAll("[name]"));
        Assert.Equal("mail-location", body.QuerySelector("div")!.Id);
    }

    [Fact]
    public void Sanitize_InternalHostsWithRemoteAllowed_SourcesRemovedAndNotCounted()
    {
        var result = Sanitize("<img src=\"http://2130706433/a\"><img src=\"http://0x7f.1/a\"><img src=\"http://127.0.0.1./a\">"
            + "<img src=\"http://[::1]/a\"><img src=\"http://localhost/a\"><img src=\"http://169.254.169.254/latest/meta-data\">", allowRemote: true);

        Assert.Equal(6, result.Body.QuerySelectorAll("img").Length);
        Assert.Empty(result.Body.QuerySelectorAll("img[src]"));
        Assert.Equal(0, result.BlockedRemoteCount);
    }

    [Fact]
    public void Sanitize_SameOriginRequests_NeverKeptEvenWithRemoteAllowed()
    {
        var result = Sanitize("<img src=\"/account/logout\"><img src=\"logout\"><img src=\"//evil.example/x.png\">"
            + "<div style=\"background:url(/account/logout)\">x</div>", allowRemote: true);

        Assert.Empty(result.Body.QuerySelectorAll("img[src]"));
        Assert.Equal("background: none", result.Body.QuerySelector("div")!.GetAttribute("style"));
    }

    [Fact]
    public void Sanitize_CssImport_RemovedEvenWithRemoteAllowed()
    {
        var result = Sanitize("<style>@import url(https://t.example/a.css); p { color: red }</style><p>x</p>", allowRemote: true);

        var css = Assert.Single(result.Body.QuerySelectorAll("style")).TextContent;
        Assert.DoesNotContain("@import", css, StringComparison.Ordinal);
        Assert.Contains("p { color: rgba(255, 0, 0, 1) }", css, StringComparison.Ordinal);
    }

    /// <summary>
    /// In a style block AngleSharp.Css decodes the escape into a real url(), which is then
    /// blocked and counted (allowing remote content would show it); in a style attribute the
    /// escaped declaration is not understood, dropped, and not counted (nothing would show it).
    /// </summary>
    [Fact]
    public void Sanitize_CssUrlWithEscapes_RemovedAndCountedWhereRestorable()
    {
        var result = Sanitize("<style>.a { background: u\\72l(https://t.example/a.png) }</style>"
            + "<div style=\"background-image: \\75rl(https://t.example/b.png)\">x</div>");

        Assert.Equal(1, result.BlockedRemoteCount);
        Assert.Null(result.Body.QuerySelector("div")!.GetAttribute("style"));
    }

    [Fact]
    public void Sanitize_FormPhishing_TextKeptControlsRemoved()
    {
        var body = Sanitize("<form action=\"https://evil.example/\"><label>Password <input type=\"password\" name=\"p\"></label><button>Log in</button></form>").Body;

        Assert.Empty(body.QuerySelectorAll("form, input, button, label"));
        Assert.Equal("Password ", body.TextContent);
    }

    /// <summary>The parsed output body and the blocked count of one call.</summary>
    private sealed record Outcome(IElement Body, int BlockedRemoteCount);
}
