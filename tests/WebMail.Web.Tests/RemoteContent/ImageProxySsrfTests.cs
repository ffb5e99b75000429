using System.Diagnostics;
using System.Net;
using WebMail.Testing.Web;

namespace WebMail.Web.Tests.RemoteContent;

/// <summary>
/// The image proxy against server-side request forgery: each test asks the real endpoint (as the sandboxed frame
/// does, without cookies) for a URL WebMail sealed into a live frame, and a real server on loopback stands in for
/// the remote host. Only 127.0.0.2 is allowed (test-only setting); 127.0.0.1 plays the internal service.
/// </summary>
public sealed class ImageProxySsrfTests(ImageProxyFixture fixture) : IClassFixture<ImageProxyFixture>
{
    private StandInRemoteServer Remote => fixture.Remote;

    [Fact]
    public async Task NormalImage_Proxied_PassedWithSafeHeadersAndNothingAboutTheReader()
    {
        var response = await GetAsync($"{Remote.Allowed}/img.png?normal");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(StandInRemoteServer.Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("max-age", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var seen = Assert.Single(Remote.Requests, r => r.Path == "/img.png?normal");
        Assert.Equal("WebMail-ImageProxy/1.0", seen.Headers["User-Agent"]);
        Assert.False(seen.Headers.ContainsKey("Cookie"));
        Assert.False(seen.Headers.ContainsKey("Referer"));
        Assert.False(seen.Headers.ContainsKey("X-Forwarded-For"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("2130706433")]
    [InlineData("0.0.0.0")]
    public async Task Loopback_Refused_InternalServiceNeverAsked(string host)
    {
        var response = await GetAsync($"http://{host}:{Remote.InternalPort}/img.png");

        await AssertRefusedAsync(response, "not a public one");
        Assert.DoesNotContain(Remote.Requests, r => r.Where == "internal");
    }

    [Fact]
    public async Task NameResolvingToLoopback_Refused_InternalServiceNeverAsked()
    {
        var name = Dns.GetHostName();
        Assert.Contains(await Dns.GetHostAddressesAsync(name), IPAddress.IsLoopback);

        var response = await GetAsync($"http://{name}:{Remote.InternalPort}/img.png");

        await AssertRefusedAsync(response, "not a public one");
        Assert.DoesNotContain(Remote.Requests, r => r.Where == "internal");
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("[fd00::1]")]
    [InlineData("[fe80::1]")]
    [InlineData("[::ffff:169.254.169.254]")]
    [InlineData("224.0.0.1")]
    [InlineData("[ff02::1]")]
    public async Task PrivateLinkLocalOrMulticast_Refused(string host)
    {
        var response = await GetAsync($"http://{host}:8080/latest/meta-data/");

        await AssertRefusedAsync(response, "not a public one");
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.2/img.png")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    [InlineData("gopher://127.0.0.2:70/_GET")]
    public async Task OtherSchemes_Refused(string url)
    {
        var response = await GetAsync(url);

        await AssertRefusedAsync(response, "only http and https");
    }

    [Theory]
    [InlineData("http://127.0.0.1:{internal}/img.png", "not a public one")]
    [InlineData("http://169.254.169.254:8080/latest/meta-data/", "not a public one")]
    [InlineData("file:///etc/passwd", "only http and https")]
    public async Task RedirectFromAllowedHost_ToPrivateOrOtherScheme_Refused(string target, string reason)
    {
        target = target.Replace("{internal}", Remote.InternalPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var response = await GetAsync($"{Remote.Allowed}/redirect?to={Uri.EscapeDataString(target)}");

        await AssertRefusedAsync(response, reason);
        Assert.Contains(Remote.Requests, r => r.Where == "allowed" && r.Path.StartsWith("/redirect", StringComparison.Ordinal));
        Assert.DoesNotContain(Remote.Requests, r => r.Where == "internal");
    }

    [Fact]
    public async Task Redirects_ThreeFollowedFourRefused()
    {
        var three = await GetAsync($"{Remote.Allowed}/chain/2");
        var four = await GetAsync($"{Remote.Allowed}/chain/3");

        Assert.Equal(HttpStatusCode.OK, three.StatusCode);
        Assert.Equal(StandInRemoteServer.Png, await three.Content.ReadAsByteArrayAsync());
        await AssertRefusedAsync(four, "redirected more than 3 times");
    }

    [Theory]
    [InlineData("/page.html", "not declared as an image")]
    [InlineData("/drawing.svg", "not declared as an image")]
    [InlineData("/page-as.png", "bytes are not an image")]
    public async Task NotARasterImage_Refused(string path, string reason)
    {
        var response = await GetAsync(Remote.Allowed + path);

        await AssertRefusedAsync(response, reason);
    }

    [Fact]
    public async Task OversizeBody_AbortedAtTheCap()
    {
        var declared = await GetAsync($"{Remote.Allowed}/declared-big.png");
        var streamed = await GetAsync($"{Remote.Allowed}/big.png");

        await AssertRefusedAsync(declared, "larger than");
        await AssertRefusedAsync(streamed, "larger than");
        var written = await Remote.BigBodyWritten.Task;
        Assert.True(written < StandInRemoteServer.BigBodyBytes, $"the proxy let the server write all {written} bytes instead of hanging up");
    }

    [Fact]
    public async Task SlowBody_StoppedAtTheTimeCap()
    {
        var watch = Stopwatch.StartNew();

        var response = await GetAsync($"{Remote.Allowed}/slow.png");

        await AssertRefusedAsync(response, "took longer than");
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(ImageProxyFixture.TimeoutSeconds - 0.5), TimeSpan.FromSeconds(ImageProxyFixture.TimeoutSeconds * 4));
    }

    [Fact]
    public async Task UrlNotWrittenByWebMail_RefusedBeforeAnyFetch()
    {
        var frame = fixture.NewFrame();
        var other = fixture.NewFrame();
        var valid = fixture.ProxyUrl(frame, $"{Remote.Allowed}/img.png?forged");
        var client = fixture.App.CreateBrowserClient();

        var at = valid.IndexOf("/remote/", StringComparison.Ordinal) + "/remote/".Length + 40;
        var tampered = await client.GetAsync(valid[..at] + (valid[at] == 'A' ? 'B' : 'A') + valid[(at + 1)..]);
        var otherFrame = await client.GetAsync(valid.Replace(frame.Token, other.Token, StringComparison.Ordinal));
        var unknownFrame = await client.GetAsync(valid.Replace(frame.Token, new string('0', 32), StringComparison.Ordinal));
        var blockedFrame = fixture.NewFrame(allowRemote: false);
        var notShown = await client.GetAsync(fixture.ProxyUrl(blockedFrame, $"{Remote.Allowed}/img.png?forged"));

        Assert.All([tampered, otherFrame, unknownFrame, notShown], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.DoesNotContain(Remote.Requests, r => r.Path.Contains("forged", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> GetAsync(string remoteUrl) =>
        fixture.App.CreateBrowserClient().GetAsync(fixture.ProxyUrl(fixture.NewFrame(), remoteUrl));

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual("image", response.Content.Headers.ContentType?.MediaType?.Split('/')[0]);
    }
}
