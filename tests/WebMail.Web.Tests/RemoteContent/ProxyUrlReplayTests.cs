using System.Net;
using WebMail.Testing;

namespace WebMail.Web.Tests.RemoteContent;

/// <summary>
/// Proxy URLs are sealed for one frame, and frames belong to one user's sign-in: a URL copied out of one frame and
/// presented under another (another user's, or another sign-in of the same user) fetches nothing.
/// </summary>
public sealed class ProxyUrlReplayTests(HostileProxyFixture fixture) : IClassFixture<HostileProxyFixture>
{
    private const string Fixture = "loopback-literal-hosts";

    [Fact]
    public async Task SealedUrl_ReplayedUnderAnotherUsersFrame_NotFoundAndNothingFetched()
    {
        var alice = await fixture.RenderAsync(Fixture);
        var mallory = await fixture.RenderAsync(Fixture);

        await AssertReplayRefusedAsync(alice, mallory);
    }

    [Fact]
    public async Task SealedUrl_ReplayedUnderAnotherSignInOfTheSameUser_NotFoundAndNothingFetched()
    {
        var user = MailStack.NewUser("replay");
        var laptop = await fixture.RenderAsync(Fixture, user);
        var phone = await fixture.RenderAsync(Fixture, user);

        Assert.NotEqual(laptop.Frame.Token, phone.Frame.Token);
        await AssertReplayRefusedAsync(laptop, phone);
    }

    private async Task AssertReplayRefusedAsync(ProxiedRender owner, ProxiedRender other)
    {
        var url = Assert.Single(owner.Resources, r => r.Status == HttpStatusCode.OK).Url;
        var before = fixture.Remote.Requests.Count;

        var underOtherFrame = await fixture.Browser().GetAsync(url.Replace(owner.Frame.Token, other.Frame.Token, StringComparison.Ordinal));
        var payloadSwapped = await fixture.Browser().GetAsync(
            Assert.Single(other.Resources, r => r.Status == HttpStatusCode.OK).Url[..^10] + url[^10..]);

        Assert.Equal(HttpStatusCode.NotFound, underOtherFrame.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, payloadSwapped.StatusCode);
        Assert.Equal(before, fixture.Remote.Requests.Count);
    }
}
