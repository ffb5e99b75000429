using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Testing.Web;
using WebMail.Web.RemoteContent;
using WebMail.Web.Unsubscribe;

namespace WebMail.Web.Tests.Unsubscribe;

/// <summary>
/// RFC 8058 one-click unsubscribe sent by the real app's service over real sockets to a stand-in https list server on
/// loopback. As for the image proxy, only 127.0.0.2 is allowed (test-only setting); 127.0.0.1 plays the internal service.
/// </summary>
public sealed class OneClickUnsubscribeTests : IAsyncLifetime
{
    private StandInListServer _list = default!;
    private WebMailFactory _factory = default!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app = default!;

    private OneClickUnsubscriber Unsubscriber => _app.Services.GetRequiredService<OneClickUnsubscriber>();

    public async Task InitializeAsync()
    {
        _list = await StandInListServer.StartAsync();
        _factory = new WebMailFactory()
            .With("WebMail:RemoteContent:AllowedTestAddresses:0", "127.0.0.2")
            .With("WebMail:Unsubscribe:TimeoutSeconds", "3");
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<RemoteHostResolver, StandInResolver>();
            _list.TrustFrom(s);
        }));
    }

    [Fact]
    public async Task Post_ListServerAccepts_ExactBodyNoCookieAndUnsubscribed()
    {
        var outcome = await Unsubscriber.PostAsync(new Uri($"{_list.Base}/unsubscribe?id=42"), CancellationToken.None);

        Assert.Equal(new UnsubscribeOutcome(true, "Unsubscribed."), outcome);
        var seen = Assert.Single(_list.Requests);
        Assert.Equal(("allowed", "POST", "/unsubscribe?id=42"), (seen.Where, seen.Method, seen.Path));
        Assert.Equal("List-Unsubscribe=One-Click", seen.Body);
        Assert.Equal("application/x-www-form-urlencoded", seen.Headers["Content-Type"]);
        Assert.Equal("WebMail-Unsubscribe/1.0", seen.Headers["User-Agent"]);
        Assert.False(seen.Headers.ContainsKey("Cookie"));
        Assert.False(seen.Headers.ContainsKey("Referer"));
    }

    [Fact]
    public async Task Post_ListServerFails_SaysItRefusedWithTheStatus()
    {
        var outcome = await Unsubscriber.PostAsync(new Uri($"{_list.Base}/refuse"), CancellationToken.None);

        Assert.Equal(new UnsubscribeOutcome(false, "The list's server refused (HTTP 500)."), outcome);
    }

    [Theory]
    [InlineData("internal.stand-in.example")]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task Post_PrivateAddressNotAllowed_RefusedWithASentenceAndInternalServiceNeverAsked(string host)
    {
        var outcome = await Unsubscriber.PostAsync(new Uri($"https://{host}:{_list.InternalPort}/unsubscribe"), CancellationToken.None);

        Assert.False(outcome.Done);
        Assert.Equal($"Could not reach {host}: the address is not a public one.", outcome.Sentence);
        Assert.Empty(_list.Requests);
    }

    [Fact]
    public async Task Post_RedirectToAnotherHost_NotFollowed()
    {
        var outcome = await Unsubscriber.PostAsync(new Uri($"{_list.Base}/elsewhere"), CancellationToken.None);

        Assert.False(outcome.Done);
        Assert.Contains("another site (127.0.0.2)", outcome.Sentence, StringComparison.Ordinal);
        Assert.Equal(["/elsewhere"], _list.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task Post_RedirectOnTheSameHost_FollowedWithTheSameBody()
    {
        var outcome = await Unsubscriber.PostAsync(new Uri($"{_list.Base}/same-host"), CancellationToken.None);

        Assert.True(outcome.Done);
        Assert.Equal(["/same-host", "/unsubscribe?moved"], _list.Requests.Select(r => r.Path));
        Assert.All(_list.Requests, r => Assert.Equal(("POST", "List-Unsubscribe=One-Click"), (r.Method, r.Body)));
    }

    [Fact]
    public async Task Post_PlainHttp_RefusedBeforeAnythingIsSent()
    {
        var outcome = await Unsubscriber.PostAsync(new Uri($"http://{StandInResolver.ImageHost}:{_list.Port}/unsubscribe"), CancellationToken.None);

        Assert.Equal($"Could not reach {StandInResolver.ImageHost}: one-click unsubscribe is only sent over https.", outcome.Sentence);
        Assert.Empty(_list.Requests);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
        await _list.DisposeAsync();
    }
}
