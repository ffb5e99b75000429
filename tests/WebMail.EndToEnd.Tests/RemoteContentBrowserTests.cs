using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.RemoteContent;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Remote content in Chromium, in each mode the administrator can choose, with the stand-in remote server on loopback
/// (its names answered by <see cref="StandInResolver"/>). Each test runs its own app, configured for its mode.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RemoteContentBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task HostileCorpus_ShownThroughTheProxy_NoScriptNoOutsideHostAndEachFrameAsksOnlyItsOwnPath()
    {
        await using var remote = await StandInRemoteServer.StartAsync();
        using var app = App("Proxy");
        var user = MailStack.NewUser("proxy");
        await RemoteContentFixtures.SeedAsync(user, remote, RemoteContentFixtures.Names, app.BaseAddress);
        await using var session = await SignedInAsync(app, user);
        var page = session.Page;
        var frameRequests = new List<(string Frame, string Url)>();
        var frameDocuments = new List<string>();
        var dialogs = 0;
        page.Request += (_, r) =>
        {
            lock (frameRequests)
            {
                if (r.Frame != page.MainFrame && r.IsNavigationRequest)
                {
                    frameDocuments.Add(r.Url); // the frame's own document, asked before the frame has a URL
                }
                else if (r.Frame != page.MainFrame)
                {
                    frameRequests.Add((r.Frame.Url, r.Url));
                }
            }
        };
        page.Dialog += (_, _) => dialogs++;

        foreach (var name in RemoteContentFixtures.Names)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = RemoteContentFixtures.Subject(name) }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = RemoteContentFixtures.Subject(name) })).ToBeVisibleAsync();
            var frame = page.FrameLocator("iframe[title='Message content']");
            await Assertions.Expect(frame.Locator("body")).ToContainTextAsync($"{RemoteContentFixtures.Marker} {name}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show remote content" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Remote content" })).ToHaveCountAsync(0);

            // The control image arrives through the proxy; every other image has ended (loaded or refused) before the next message.
            await Assertions.Expect(frame.Locator("img[alt=control]")).ToHaveJSPropertyAsync("naturalWidth", 1);
            foreach (var image in await frame.Locator("img").AllAsync())
            {
                await Assertions.Expect(image).ToHaveJSPropertyAsync("complete", true);
            }
        }

        Assert.Empty(session.OutsideRequests);
        Assert.Equal(0, dialogs);
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("— WebMail$"));
        Assert.DoesNotContain(remote.Requests, r => r.Where == "internal");
        Assert.Equal(RemoteContentFixtures.Names.Count, remote.Requests.Count(r => r.Path.StartsWith("/img.png?control=", StringComparison.Ordinal)));
        lock (frameRequests)
        {
            Assert.NotEmpty(frameRequests);
            Assert.All(frameDocuments, url => Assert.Matches($"^{Regex.Escape(app.BaseAddress)}/mail/frame/[0-9a-f]+$", url));
            Assert.All(frameRequests, r => Assert.Matches($"^{Regex.Escape(app.BaseAddress)}/mail/frame/[0-9a-f]+$", r.Frame));
            Assert.All(frameRequests, r => Assert.StartsWith(r.Frame + "/", r.Url, StringComparison.Ordinal));
        }

        Assert.Equal("interactive", await page.Locator("[data-render-mode]").GetAttributeAsync("data-render-mode"));
    }

    [Fact]
    public async Task ModeOff_NoButtonsAndNothingRemoteEvenForATrustedSender_ModeDirect_ImagesStraightFromTheSender()
    {
        await using var remote = await StandInRemoteServer.StartAsync();
        const string Name = "huge-and-endless-body";
        var subject = RemoteContentFixtures.Subject(Name);

        // Off: the sender was trusted earlier (when the administrator still allowed remote content); now nothing is offered or loaded.
        using (var off = App("Off"))
        {
            var user = MailStack.NewUser("off");
            await RemoteContentFixtures.SeedAsync(user, remote, [Name]);
            await off.Services.GetRequiredService<RemoteContentSenders>().TrustAsync(user, "proxy-tester@evil.example");
            await using var session = await SignedInAsync(off, user);
            var page = session.Page;

            var frameResponse = await page.RunAndWaitForResponseAsync(
                () => page.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync(), r => r.Url.Contains("/mail/frame/", StringComparison.Ordinal));
            var banner = page.GetByRole(AriaRole.Region, new() { Name = "Remote content" });
            await Assertions.Expect(banner).ToContainTextAsync("were blocked");
            await Assertions.Expect(page.FrameLocator("iframe[title='Message content']").Locator("body")).ToContainTextAsync(Name);

            Assert.Equal(0, await banner.GetByRole(AriaRole.Button).CountAsync()); // neither "Show remote content" nor "Always show from this sender"
            Assert.Contains("img-src 'none'", await frameResponse.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
            Assert.Equal(0, await page.FrameLocator("iframe[title='Message content']").Locator("img[src], [style*=url]").CountAsync());
            Assert.Empty(session.OutsideRequests);
            Assert.Empty(remote.Requests);
        }

        // Direct: shown on request, the browser asks the sender's host itself (the frame's policy allows remote images).
        using var direct = App("Direct");
        var reader = MailStack.NewUser("direct");
        await RemoteContentFixtures.SeedAsync(reader, remote, [Name]);
        await using var directSession = await SignedInAsync(direct, reader);
        var directPage = directSession.Page;
        await directPage.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await Assertions.Expect(directPage.GetByRole(AriaRole.Button, new() { Name = "Always show from this sender" })).ToBeVisibleAsync();
        Assert.Empty(directSession.OutsideRequests);

        await directPage.GetByRole(AriaRole.Button, new() { Name = "Show remote content" }).ClickAsync();
        var image = directPage.FrameLocator("iframe[title='Message content']").Locator("img[alt=control]");
        await Assertions.Expect(image).ToHaveJSPropertyAsync("naturalWidth", 1);

        // The policy the shown frame was served with (asked again with the same sign-in).
        var shown = await directPage.APIRequest.GetAsync(await directPage.Locator("iframe[title='Message content']").GetAttributeAsync("src") ?? "");
        var policy = shown.Headers["content-security-policy"];
        Assert.Matches(@"img-src [^;]*https: http:", policy);
        Assert.Contains("style-src 'unsafe-inline';", policy, StringComparison.Ordinal);
        Assert.Contains($"http://{StandInResolver.ImageHost}:{new Uri(remote.Allowed).Port}/img.png?control={Name}", directSession.OutsideRequests);
        Assert.Equal($"http://{StandInResolver.ImageHost}:{new Uri(remote.Allowed).Port}/img.png?control={Name}", await image.GetAttributeAsync("src"));
        Assert.Empty(remote.Requests); // nothing went through WebMail's proxy
    }

    private static KestrelWebMailFactory App(string mode)
    {
        var app = new KestrelWebMailFactory()
            .With("WebMail:RemoteContent:Mode", mode)
            .With("WebMail:RemoteContent:AllowedTestAddresses:0", "127.0.0.2")
            .With("WebMail:RemoteContent:TimeoutSeconds", "2")
            .With("WebMail:RemoteContent:MaxImageBytes", "262144")
            .WithServices(s => s.AddSingleton<RemoteHostResolver, StandInResolver>());
        app.StartServer();
        return app;
    }

    /// <summary>A fresh context on <paramref name="app"/>, every request outside it recorded and answered with a tiny PNG.</summary>
    private async Task<BrowserSession> SignedInAsync(KestrelWebMailFactory app, string user)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(60_000);
        var outside = new List<string>();
        await context.RouteAsync(url => !url.StartsWith(app.BaseAddress, StringComparison.Ordinal), async route =>
        {
            lock (outside)
            {
                outside.Add(route.Request.Url);
            }

            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "image/png", BodyBytes = StandInRemoteServer.Png });
        });
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        return new BrowserSession(context, page, outside);
    }
}
