using MailKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.RemoteContent;

namespace WebMail.EndToEnd.Tests;

/// <summary>Unsubscribe (one-click through a stand-in https list server on loopback) and read receipts, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UnsubscribeReceiptBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Unsubscribe_OneClickAfterConfirming_ListServerGetsThePostAndThePageSaysUnsubscribed()
    {
        await using var list = await StandInListServer.StartAsync();
        using var app = new KestrelWebMailFactory()
            .With("WebMail:RemoteContent:AllowedTestAddresses:0", "127.0.0.2")
            .WithServices(s =>
            {
                s.AddSingleton<RemoteHostResolver, StandInResolver>();
                list.TrustFrom(s);
            });
        app.StartServer();
        var user = MailStack.NewUser("unsub");
        var news = Message("Weekly News #12", "news@lists.example.com");
        news.Headers.Add("List-Id", "\"Weekly News\" <weekly.lists.example.com>");
        news.Headers.Add("List-Unsubscribe", $"<mailto:leave@lists.example.com>, <{list.Base}/unsubscribe?u=12>");
        news.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        await AppendAsync(user, news);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress });
        await using var _ = context;
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);

        await page.GetByRole(AriaRole.Link, new() { Name = "Weekly News #12" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Weekly News #12" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe", Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Unsubscribe from Weekly News?" });
        await Assertions.Expect(dialog).ToContainTextAsync($"the list's server ({StandInResolver.ImageHost})");
        Assert.Empty(list.Requests); // nothing before the user confirms
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Unsubscribed." })).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        var post = Assert.Single(list.Requests);
        Assert.Equal(("allowed", "POST", "/unsubscribe?u=12", "List-Unsubscribe=One-Click"), (post.Where, post.Method, post.Path, post.Body));
        Assert.False(post.Headers.ContainsKey("Cookie"));
    }

    [Fact]
    public async Task ReadReceipt_Ignore_BarGoneInBothTabsAndAfterReloadNothingSent()
    {
        var (user, sender) = (MailStack.NewUser("mdn"), MailStack.NewUser("asker"));
        var asking = Message("Did you get this?", sender);
        asking.Headers.Add("Disposition-Notification-To", sender);
        await AppendAsync(user, asking);
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Did you get this?" }).ClickAsync();
        var bar = page.GetByRole(AriaRole.Region, new() { Name = "Read receipt" });
        await Assertions.Expect(bar).ToContainTextAsync("The sender asked for a read receipt");
        var second = await session.Context.NewPageAsync();
        await second.GotoAsync("/");
        await UserActions.WaitInteractiveAsync(second);
        await second.GetByRole(AriaRole.Link, new() { Name = "Did you get this?" }).ClickAsync();
        var secondBar = second.GetByRole(AriaRole.Region, new() { Name = "Read receipt" });
        await Assertions.Expect(secondBar).ToBeVisibleAsync();

        await bar.GetByRole(AriaRole.Button, new() { Name = "Ignore" }).ClickAsync();
        await Assertions.Expect(bar).ToHaveCountAsync(0);
        await Assertions.Expect(secondBar).ToHaveCountAsync(0); // the other tab hears of $MDNSent without a reload

        await page.ReloadAsync();
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Did you get this?" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-read-receipt]")).ToHaveAttributeAsync("data-read-receipt", "quiet");
        await Assertions.Expect(bar).ToHaveCountAsync(0);
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Contains("$MDNSent", (await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags)).Single().Keywords);
        using var senderClient = await MailStack.ConnectAsync(sender);
        await senderClient.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(0, senderClient.Inbox.Count);
    }

    [Fact]
    public async Task ReadReceipt_RequestedInComposeSentFromTheBar_ArrivesBackAndNeverAskHidesTheNext()
    {
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        await using (var aliceSession = await browser.SignedInAsync(alice))
        {
            var page = aliceSession.Page;
            await page.GetByRole(AriaRole.Link, new() { Name = "New message" }).ClickAsync();
            await UserActions.WaitInteractiveAsync(page);
            await page.GetByLabel("To", new() { Exact = true }).FillAsync(bob);
            await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Minutes of Monday");
            await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Please confirm you saw them.");
            await page.GetByLabel("Request a read receipt").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/mail/"), new() { Timeout = 15000 });
        }

        await MailStack.WaitForInboxAsync(bob, 1);
        await using var bobSession = await browser.SignedInAsync(bob);
        var bobPage = bobSession.Page;
        await bobPage.GetByRole(AriaRole.Link, new() { Name = "Minutes of Monday" }).ClickAsync();
        var bar = bobPage.GetByRole(AriaRole.Region, new() { Name = "Read receipt" });
        await bar.GetByRole(AriaRole.Button, new() { Name = "Send receipt" }).ClickAsync();
        await Assertions.Expect(bobPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Read receipt sent." })).ToBeVisibleAsync();
        await Assertions.Expect(bar).ToHaveCountAsync(0);

        await MailStack.WaitForInboxAsync(alice, 1);
        using (var client = await MailStack.ConnectAsync(alice))
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            using var receipt = await client.Inbox.GetMessageAsync(0);
            Assert.Equal("Read: Minutes of Monday", receipt.Subject);
            Assert.Equal(bob, receipt.From.Mailboxes.Single().Address);
            Assert.Equal("disposition-notification", Assert.IsType<MultipartReport>(receipt.Body).ReportType);
        }

        // "Never ask": the next request shows no question at all.
        await bobPage.GotoAsync("/settings/mail");
        await UserActions.WaitInteractiveAsync(bobPage);
        await bobPage.GetByLabel("Never ask about read receipts").CheckAsync();
        await Assertions.Expect(bobPage.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        var next = Message("Second request", alice);
        next.Headers.Add("Disposition-Notification-To", alice);
        await AppendAsync(bob, next);
        await bobPage.GotoAsync("/");
        await UserActions.WaitInteractiveAsync(bobPage);
        await bobPage.GetByRole(AriaRole.Link, new() { Name = "Second request" }).ClickAsync();
        await Assertions.Expect(bobPage.Locator("[data-read-receipt]")).ToHaveAttributeAsync("data-read-receipt", "quiet");
        await Assertions.Expect(bar).ToHaveCountAsync(0);
    }

    private static MimeMessage Message(string subject, string from)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("someone@test.example"));
        message.Body = new TextPart("plain") { Text = "Hello." };
        return message;
    }

    private static async Task AppendAsync(string user, MimeMessage message)
    {
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.AppendAsync(new AppendRequest(message));
        await client.DisconnectAsync(true);
    }
}
