using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Compose when things go away: the tab closed right after typing, and the app restarted mid-sentence. Each
/// test runs its own app, so its timings (editor sync, autosave) make only the path under test able to save.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ComposeFaultTests(BrowserFixture browser)
{
    [Fact]
    public async Task TabClosedRightAfterTyping_TheBeaconPutsTheLastKeystrokesInDrafts()
    {
        // The editor would wait 2 s before sending its edits and autosave 5 s more: only the beacon can be in time.
        await using var app = new KestrelWebMailFactory()
            .With("WebMail:Compose:EditorSyncDelayMilliseconds", "2000")
            .With("WebMail:Compose:AutosaveDelayMilliseconds", "5000");
        app.StartServer();
        var alice = MailStack.NewUser("alice");
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress });
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, alice);
        await page.GotoAsync("/compose");
        await UserActions.WaitInteractiveAsync(page);
        var body = page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await Assertions.Expect(body).ToHaveAttributeAsync("data-sync", "synced");

        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Closed mid-sentence");
        await body.FillAsync("The last words, typed just before the tab closed.");
        await Assertions.Expect(body).ToHaveAttributeAsync("data-sync", "pending");
        await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = true });

        var draft = await ComposeBodies.WaitForDraftAsync(alice, text => text.Contains("The last words, typed just before the tab closed.", StringComparison.Ordinal), seconds: 15);
        Assert.Equal("Closed mid-sentence", draft.Subject);
    }

    [Fact]
    public async Task AppRestart_MidCompose_ReconnectBannerThenTheDraftReopensWithEveryKeystrokeAndANotice()
    {
        await using var provider = new DevIdentityProviderHost();
        var (port, data) = (FreePort(), Directory.CreateTempSubdirectory("webmail-restart-").FullName);
        KestrelWebMailFactory NewApp() => new KestrelWebMailFactory(dataDirectory: data, port: port).WithSso(provider)
            .With("WebMail:Compose:EditorSyncDelayMilliseconds", "1000")
            .With("WebMail:Compose:AutosaveDelayMilliseconds", "5000");
        var app = NewApp();
        app.StartServer();
        try
        {
            var user = MailStack.NewUser("restart");
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress });
            var page = await context.NewPageAsync();
            await SignInAtProviderAsync(page, user);
            await page.GotoAsync("/compose");
            await UserActions.WaitInteractiveAsync(page);
            await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Written across a restart");
            var body = page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
            await Assertions.Expect(body).ToBeEditableAsync();
            await body.PressSequentiallyAsync("Typed well before the stop.");

            // The server holds these keystrokes (the browser says so); nothing has saved them yet (autosave waits 5 s).
            await Assertions.Expect(body).ToHaveAttributeAsync("data-sync", "synced");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("compose\\?id="));
            await body.PressSequentiallyAsync(" And a few more.");
            await app.DisposeAsync();

            // While the app is down the tab says so; the app saved the draft on its way down.
            await Assertions.Expect(page.GetByText("The connection to WebMail was lost.")).ToBeVisibleAsync();
            var saved = await ComposeBodies.WaitForDraftAsync(user, text => text.Contains("Typed well before the stop.", StringComparison.Ordinal), seconds: 5);
            Assert.Equal("Written across a restart", saved.Subject);

            // Back up: the tab reloads by itself and reopens the draft, with what was typed last, and says so.
            app = NewApp();
            app.StartServer();
            await Assertions.Expect(page.GetByText(new Regex("Restored your draft saved at \\d{1,2}:\\d\\d(\\s[AP]M)?\\."))).ToBeVisibleAsync(new() { Timeout = 60000 });
            await Assertions.Expect(body).ToHaveValueAsync("Typed well before the stop. And a few more.");
            await Assertions.Expect(page.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Written across a restart");
            await ComposeBodies.WaitForDraftAsync(user, text => text == "Typed well before the stop. And a few more.");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task SignInAtProviderAsync(IPage page, string user)
    {
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "WebMail Dev Identity Provider" })).ToBeVisibleAsync();
        await page.GetByLabel("Email address").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(MailStack.TestPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await UserActions.WaitInteractiveAsync(page);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
