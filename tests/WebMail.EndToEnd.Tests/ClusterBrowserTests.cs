using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.Account;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Two instances behind nginx (<see cref="ClusterHost"/>, as deploy/cluster.sh runs them), in Chromium: a user's tabs
/// share one instance and one IMAP connection; kill -9 of that instance mid-compose and the tabs carry on at the other;
/// SIGTERM drains.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ClusterBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private ClusterHost _cluster = default!;

    public async Task InitializeAsync() => _cluster = await ClusterHost.StartAsync(new() { ["WebMail__Compose__UndoSendSeconds"] = "0" });

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task TwoTabs_ShareOneInstanceAndConnection_Kill9MidCompose_TheOtherInstanceTakesOverWithTheDraft()
    {
        var (user, bob) = (MailStack.NewUser("cluster"), MailStack.NewUser("bob"));
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("plain-text-urls-and-escaping.eml")]);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _cluster.ProxyAddress });
        var list = await context.NewPageAsync();
        await UserActions.SignInAsync(list, user);
        var compose = await context.NewPageAsync();

        // Both tabs on one instance (the affinity cookie), one IMAP connection between them.
        var served = await (await compose.GotoAsync("/compose"))!.HeaderValueAsync("X-WebMail-Instance");
        Assert.Equal(served, await (await list.ReloadAsync())!.HeaderValueAsync("X-WebMail-Instance"));
        await UserActions.WaitInteractiveAsync(list);
        await UserActions.WaitInteractiveAsync(compose);
        Assert.Equal(1, await SettledConnectionCountAsync(user));
        var other = served == "one" ? 1 : 0;

        // Typing; what is typed is kept in this browser within a second (compose.js), then the instance dies.
        await compose.GetByLabel("To", new() { Exact = true }).FillAsync(bob);
        await compose.GetByLabel("Subject", new() { Exact = true }).FillAsync("Written across a failover");
        var body = compose.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await body.PressSequentiallyAsync("Typed before the instance died.");
        await Assertions.Expect(compose).ToHaveURLAsync(new Regex("compose\\?id="));
        await compose.WaitForFunctionAsync("""
            () => Object.keys(localStorage).some(k => k.startsWith("webmail.compose.") && localStorage.getItem(k).includes("Typed before the instance died."))
            """);
        var killedAt = DateTime.UtcNow;
        _cluster.Kill(ClusterHost.IndexOf(served!));

        // The list tab is back on the other instance within 10 s, signed in; compose has its text back.
        await Assertions.Expect(list.GetByText("Links & <angle brackets> in plain text").First).ToBeVisibleAsync(new() { Timeout = 30000 });
        await UserActions.WaitInteractiveAsync(list);
        Assert.True(DateTime.UtcNow - killedAt < TimeSpan.FromSeconds(10), $"the list came back after {(DateTime.UtcNow - killedAt).TotalSeconds:0.0} s");
        await Assertions.Expect(body).ToHaveValueAsync("Typed before the instance died.", new() { Timeout = 30000 });
        await Assertions.Expect(compose.GetByLabel("Subject", new() { Exact = true })).ToHaveValueAsync("Written across a failover");
        Assert.Equal(other, ClusterHost.IndexOf(await ServedByAsync(context)));
        Assert.Equal(1, await SettledConnectionCountAsync(user));

        // And it sends from there.
        await UserActions.WaitInteractiveAsync(compose);
        await compose.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(compose).ToHaveURLAsync(new Regex("/mail/"), new() { Timeout = 20000 });
        await MailStack.WaitForInboxAsync(bob, 1);
    }

    [Fact]
    public async Task Readyz_MailServerSilentThenSigterm_503AndTheTabMovesToTheOtherInstance()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ClusterHost.InstanceAddress(0) + "/readyz")).StatusCode);

        // The mail server stops answering instance one (its relay is cut; Dovecot itself runs on).
        await _cluster.Relays[0].StopAsync();
        var down = await http.GetAsync(ClusterHost.InstanceAddress(0) + "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Contains("mail-server", await down.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ClusterHost.InstanceAddress(1) + "/readyz")).StatusCode);

        // Back; then a signed-in tab, and SIGTERM to its instance: readiness says draining, the tab moves over.
        _cluster.Relays[0].Start();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ClusterHost.InstanceAddress(0) + "/readyz")).StatusCode);
        var user = MailStack.NewUser("drain");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("plain-text-urls-and-escaping.eml")]);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _cluster.ProxyAddress });
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        var served = ClusterHost.IndexOf(await ServedByAsync(context));

        _cluster.Terminate(served);
        var draining = await WaitForReadyzAsync(http, served);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, draining.StatusCode);
        Assert.Contains("draining", await draining.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _cluster.WaitForExitAsync(served, TimeSpan.FromSeconds(40)));

        // The tab was told to reload and is on the other instance, signed in, with its list.
        await Assertions.Expect(page.GetByText("Links & <angle brackets> in plain text").First).ToBeVisibleAsync();
        await UserActions.WaitInteractiveAsync(page);
        Assert.Equal(1 - served, ClusterHost.IndexOf(await ServedByAsync(context)));
        var log = _cluster.Log(served);
        Assert.Contains("Draining: /readyz reports 503", log, StringComparison.Ordinal);
        Assert.Contains("tab(s) told to reload", log, StringComparison.Ordinal);
        Assert.Contains("IMAP session(s) logged out", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedOutFromTheOtherInstance_TheTabEndsAtOnce_AfterPushViaTheOtherInstanceReachedIt()
    {
        var user = MailStack.NewUser("bus");
        await using var near = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _cluster.ProxyAddress });
        var page = await near.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        var other = 1 - ClusterHost.IndexOf(await ServedByAsync(near));

        // New mail; Dovecot's push lands on the instance that does not hold the session: the tab shows it all the same.
        var message = new MimeMessage { Subject = "Pushed via the other instance" };
        message.From.Add(MailboxAddress.Parse("carol@test.example"));
        message.To.Add(MailboxAddress.Parse(user));
        message.Body = new TextPart("plain") { Text = "Routed over Redis." };
        await MailStack.DeliverAsync(message, user);
        using (var push = new HttpClient { BaseAddress = new Uri(ClusterHost.InstanceAddress(other)) })
        {
            push.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dovecot:" + ClusterHost.PushSecret)));
            var body = $$"""{"user":"{{user}}","event":"MessageNew","folder":"INBOX"}""";
            var answer = await push.PutAsync("/internal/dovecot/push", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(answer.IsSuccessStatusCode, $"push answered {(int)answer.StatusCode}");
        }

        await Assertions.Expect(page.GetByText("Pushed via the other instance").First).ToBeVisibleAsync();

        // The same user, signed in at the other instance, ends the first sign-in from there: its tab is told at once.
        await using var far = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = ClusterHost.InstanceAddress(other) });
        var farPage = await far.NewPageAsync();
        await UserActions.SignInAsync(farPage, user);
        await farPage.GetByRole(AriaRole.Link, new() { Name = "Signed-in devices" }).ClickAsync();
        await UserActions.WaitInteractiveAsync(farPage);
        var devices = farPage.GetByRole(AriaRole.List, new() { Name = "Signed-in devices" });
        await Assertions.Expect(devices.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await devices.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByText(SignInEndReason.EndedElsewhereSentence)).ToBeVisibleAsync();
    }

    /// <summary>Which instance serves this browser now (a plain request with its cookies, through nginx).</summary>
    private static async Task<string> ServedByAsync(IBrowserContext context)
    {
        var response = await context.APIRequest.GetAsync("/healthz");
        return response.Headers["x-webmail-instance"];
    }

    /// <summary>/readyz of a draining instance, asked until it answers 503 (or the instance is gone).</summary>
    private static async Task<HttpResponseMessage> WaitForReadyzAsync(HttpClient http, int index)
    {
        while (true)
        {
            var response = await http.GetAsync(ClusterHost.InstanceAddress(index) + "/readyz");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return response;
            }
        }
    }

    /// <summary>Dovecot's count of the user's connections once it has settled (a sign-in's check connection logged out, a dead instance's dropped, a new one logged in).</summary>
    private static async Task<int> SettledConnectionCountAsync(string user)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        var count = await MailStack.ServerConnectionCountAsync(user);
        while (count != 1 && DateTime.UtcNow < until)
        {
            await Task.Delay(200);
            count = await MailStack.ServerConnectionCountAsync(user);
        }

        return count;
    }
}
