using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.Mail;
using WebMail.Web.RemoteContent;

namespace WebMail.Web.Tests.RemoteContent;

/// <summary>
/// The modes other than the proxy, through the real frame endpoint: the administrator's choice decides what the frame
/// may load, and the proxy answers only in proxy mode (a sealed URL kept from before the switch fetches nothing).
/// </summary>
public sealed class RemoteContentModesTests
{
    private const string Fixture = "huge-and-endless-body";

    [Fact]
    public async Task Direct_ShownFrameLoadsFromTheSenderAndTheProxyFetchesNothing()
    {
        await using var remote = await StandInRemoteServer.StartAsync();
        using var factory = Factory("Direct");
        using var app = WithStandIn(factory);
        var (client, frame) = await OpenShownAsync(app, remote);

        var response = await client.GetAsync($"/mail/frame/{frame.Token}");
        var html = await response.Content.ReadAsStringAsync();
        var sealedUrl = ProxyUrlAsProxyModeWouldWrite(app, frame.Token, $"{remote.Allowed.Replace("127.0.0.2", StandInResolver.ImageHost, StringComparison.Ordinal)}/img.png?leaked");
        var proxied = await app.CreateClient().GetAsync(sealedUrl);

        Assert.Contains($"src=\"http://{StandInResolver.ImageHost}:{new Uri(remote.Allowed).Port}/img.png?control={Fixture}\"", html, StringComparison.Ordinal);
        Assert.Contains("img-src https: http:;", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, proxied.StatusCode);
        Assert.Empty(remote.Requests);
    }

    [Fact]
    public async Task Off_ShowRequestedAnyway_FrameAllowsNoRemoteImage()
    {
        await using var remote = await StandInRemoteServer.StartAsync();
        using var factory = Factory("Off");
        using var app = WithStandIn(factory);
        var (client, frame) = await OpenShownAsync(app, remote);

        var response = await client.GetAsync($"/mail/frame/{frame.Token}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.False(frame.AllowRemote);
        Assert.DoesNotContain("stand-in.example", html, StringComparison.Ordinal);
        Assert.Contains("img-src 'none';", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Empty(remote.Requests);
    }

    private static WebMailFactory Factory(string mode) => new WebMailFactory()
        .With("WebMail:RemoteContent:Mode", mode)
        .With("WebMail:RemoteContent:AllowedTestAddresses:0", "127.0.0.2");

    private static WebApplicationFactory<Program> WithStandIn(WebMailFactory factory) =>
        factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<RemoteHostResolver, StandInResolver>()));

    /// <summary>Seeds the fixture for a new user, signs in and prepares its frame as "Show remote content" does.</summary>
    private static async Task<(HttpClient Client, PreparedFrame Frame)> OpenShownAsync(WebApplicationFactory<Program> app, StandInRemoteServer remote)
    {
        var user = MailStack.NewUser("mode");
        await RemoteContentFixtures.SeedAsync(user, remote, [Fixture]);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(client, user, MailStack.TestPassword)).StatusCode);
        using var lease = app.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);
        var view = await lease.Session.Messages.GetMessageAsync(page.Rows.Single().Id);
        return (client, app.Services.GetRequiredService<MessageFrameStore>().Prepare(user, view, allowRemote: true, "/"));
    }

    /// <summary>A proxy URL sealed with this app's keys, as the app would have written it in proxy mode.</summary>
    private static string ProxyUrlAsProxyModeWouldWrite(WebApplicationFactory<Program> app, string token, string remoteUrl) =>
        new RemoteContentUrls(app.Services.GetRequiredService<IDataProtectionProvider>(), Options.Create(new RemoteContentOptions { Mode = RemoteContentMode.Proxy }))
            .RewriterFor("/", token)!(remoteUrl)!;
}
