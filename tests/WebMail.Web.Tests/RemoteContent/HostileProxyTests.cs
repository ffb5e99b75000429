using System.Diagnostics;
using System.Net;
using WebMail.Testing.Web;

namespace WebMail.Web.Tests.RemoteContent;

/// <summary>
/// The hostile corpus over the image proxy (<c>tests/Fixtures/RemoteContent</c>): each message is opened with "Show remote
/// content" on, through the proxy, its frame served by the real app and every resource in it loaded as the sandboxed frame
/// loads it. Whatever the attack, the frame loads only from its own path under WebMail, the internal service behind
/// 127.0.0.1 is never asked, nothing but raster images comes back, and the sender's host sees only what was meant to reach it.
/// Each test is named after the attack it stops.
/// </summary>
public sealed class HostileProxyTests(HostileProxyFixture fixture) : IClassFixture<HostileProxyFixture>
{
    private static readonly string[] RasterTypes = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "image/avif", "image/x-icon"];

    [Fact]
    public async Task LoopbackLiterals_DecimalHexOctalMappedV6_NeverFetched()
    {
        var render = await RenderInertAsync("loopback-literal-hosts");

        Assert.Single(render.Resources); // the control image alone: every loopback form was dropped before the proxy
    }

    [Fact]
    public async Task CloudMetadataAndPrivateRanges_NeverFetched()
    {
        var render = await RenderInertAsync("cloud-metadata-and-link-local");

        // metadata.google.internal is a name: it reaches the proxy, which finds no public address (or no address) for it.
        Assert.All(render.Resources.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.BadGateway, r.Status));
        Assert.DoesNotContain(render.RemoteRequests, r => r.Path.Contains("meta-data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NamesResolvingToLoopbackMetadataOrMixed_RefusedAfterResolution()
    {
        var render = await RenderInertAsync("names-resolving-to-private");

        var refused = render.Resources.Where(r => r.Status == HttpStatusCode.BadGateway).ToList();
        Assert.Equal(5, refused.Count); // internal (img and css), metadata, rebind, this machine's own name
        Assert.All(refused, r => Assert.Contains("not a public one", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SrcsetPictureSourceAndPoster_CandidatesNeverLoaded()
    {
        var render = await RenderInertAsync("srcset-and-picture", "candidate", "?picture-source", "?poster", "?input-image");

        Assert.Contains(render.RemoteRequests, r => r.Path == "/img.png?srcset-main");
    }

    [Fact]
    public async Task CssImageSetAndOtherImageProperties_DroppedNotFetched()
    {
        await RenderInertAsync("css-image-set", "?image-set", "?webkit-image-set", "?style-image-set", "?list-style", "?border-image", "?cursor", "?content", "?mask", "?var-fallback");
    }

    [Fact]
    public async Task RemoteStylesheetImportFontFaceAndPreload_NeverFetched()
    {
        var render = await RenderInertAsync("css-import-link-font-face", "/style.css", "/font.woff", "preload");

        Assert.Single(render.Resources); // the control image alone; the font named X stays a name with nothing to load
    }

    [Fact]
    public async Task SvgAndHtmlServedAsPng_RefusedByTheContentCheck()
    {
        var render = await RenderInertAsync("svg-and-html-served-as-png");

        var refused = render.Resources.Where(r => r.Status == HttpStatusCode.BadGateway).Select(r => r.Body).ToList();
        Assert.Equal(5, refused.Count);
        Assert.Equal(3, refused.Count(b => b.Contains("bytes are not an image", StringComparison.Ordinal)));
        Assert.Equal(2, refused.Count(b => b.Contains("not declared as an image", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RedirectChainToPrivateAddress_StoppedAtTheHop()
    {
        var render = await RenderInertAsync("redirect-chain-to-private");

        var refused = render.Resources.Where(r => r.Status == HttpStatusCode.BadGateway).Select(r => r.Body).ToList();
        Assert.Equal(5, refused.Count);
        Assert.Equal(3, refused.Count(b => b.Contains("not a public one", StringComparison.Ordinal)));
        Assert.Single(refused, b => b.Contains("only http and https", StringComparison.Ordinal));
        Assert.Single(refused, b => b.Contains("redirected more than", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HugeOrEndlessBody_CutAtTheSizeCap()
    {
        var render = await RenderInertAsync("huge-and-endless-body");

        var refused = render.Resources.Where(r => r.Status == HttpStatusCode.BadGateway).ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, r => Assert.Contains("larger than", r.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlowlorisServer_CutAtTheTimeCap()
    {
        var watch = Stopwatch.StartNew();
        var render = await RenderInertAsync("slowloris-server");

        var refused = render.Resources.Where(r => r.Status == HttpStatusCode.BadGateway).ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, r => Assert.Contains("took longer than", r.Body, StringComparison.Ordinal));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(ImageProxyFixture.TimeoutSeconds * 2 * 4), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task RelativeUrlsAndBaseHref_NeverReachWebMailEndpointsOrOtherFrames()
    {
        var render = await RenderInertAsync("relative-urls-into-webmail");

        Assert.Single(render.Resources); // the control image alone
        Assert.DoesNotContain("/account/", render.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/mail/attachment", render.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("00000000000000000000000000000000", render.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebMailOwnEndpointsByAbsoluteUrl_NeverRequested()
    {
        var render = await RenderInertAsync("webmail-own-endpoints-absolute");

        // By address (localhost) dropped before the proxy; by this machine's name, directly or by redirect, refused as loopback.
        var refused = render.Resources.Where(r => r.Status == HttpStatusCode.BadGateway).ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, r => Assert.Contains("not a public one", r.Body, StringComparison.Ordinal));
        Assert.DoesNotContain("/account/", render.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CssUrlEscapesCommentsAndLayers_OnlyPlainUrlsProxied()
    {
        var render = await RenderInertAsync("css-url-escapes-and-fallbacks", "?escaped-function", "?esc", "?second-layer", "?media");

        // What the filter understands is proxied (a comment inside url() is read as one and the URL after it is proxied too).
        Assert.Contains(render.RemoteRequests, r => r.Path == "/img.png?style-block");
        Assert.Contains(render.RemoteRequests, r => r.Path == "/img.png?quoted");
    }

    /// <summary>
    /// Renders the fixture and checks what holds for every hostile message: the frame's resources all live under its own
    /// path, nothing but raster images is served back, the internal service is never asked, the sender's host never sees
    /// <paramref name="neverRequested"/>, no active markup survives, and the control image did come through the proxy.
    /// </summary>
    private async Task<ProxiedRender> RenderInertAsync(string name, params string[] neverRequested)
    {
        var render = await fixture.RenderAsync(name);
        var own = $"/mail/frame/{render.Frame.Token}/";

        Assert.All(render.Resources, r => Assert.StartsWith(own, r.Url, StringComparison.Ordinal));
        Assert.All(render.Resources, r =>
        {
            if (r.Status == HttpStatusCode.OK)
            {
                Assert.Contains(r.ContentType, RasterTypes);
            }
            else
            {
                Assert.Contains(r.Status, new[] { HttpStatusCode.BadGateway, HttpStatusCode.NotFound });
                Assert.DoesNotContain("image", r.ContentType ?? "", StringComparison.Ordinal);
            }
        });
        Assert.Contains(render.Resources, r => r.Status == HttpStatusCode.OK);
        Assert.Contains(render.RemoteRequests, r => r.Path == $"/img.png?control={name}");
        Assert.DoesNotContain(render.RemoteRequests, r => r.Where == "internal");
        foreach (var fragment in neverRequested)
        {
            Assert.DoesNotContain(render.RemoteRequests, r => r.Path.Contains(fragment, StringComparison.Ordinal));
        }

        Assert.Empty(render.Document.Body!.QuerySelectorAll("script, link, base, meta, form, iframe, object, embed, svg, math, video, input, source"));
        Assert.DoesNotContain(render.Document.Body!.QuerySelectorAll("*").SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name.Contains("srcset", StringComparison.Ordinal));
        foreach (var word in new[] { "@import", "@font-face", "image-set", "expression(", "javascript:", "stand-in.example", "127.0.0.1", "169.254" })
        {
            Assert.DoesNotContain(word, render.Html.Replace($"{RemoteContentFixtures.Marker} {name}", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains($"img-src http://localhost{own};", render.Policy, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\shttps?:[\s;]", render.Policy); // no remote origin at all: only the frame's own path
        return render;
    }
}
