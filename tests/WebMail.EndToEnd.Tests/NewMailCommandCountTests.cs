using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// A new message costs the IMAP work once, whatever the number of open tabs: every command the app sends is
/// counted by a proxy between it and Dovecot (an app of its own, pointed at the proxy).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NewMailCommandCountTests(BrowserFixture browser)
{
    [Fact]
    public async Task FiveTabs_NewMailDelivered_AllShowItForAtMostThreeImapCommandsOnOneConnection()
    {
        await using var counter = ImapCommandCounter.Start();
        await using var app = NewMailFanOut.CountedApp(counter);
        app.StartServer();
        var user = MailStack.NewUser("fanout");
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress });
        var tabs = await NewMailFanOut.OpenTabsAsync(context, counter, user, 5);

        // Fails (Playwright's assertion) unless all five tabs show the new row and the unread count.
        var seen = await NewMailFanOut.DeliverAndCountAsync(counter, tabs, user, "Seen by five tabs");

        foreach (var tab in tabs)
        {
            await Assertions.Expect(NewMailFanOut.Inbox(tab).GetByRole(AriaRole.Link, new() { Name = "Seen by five tabs" })).ToBeVisibleAsync();
        }

        var commands = seen.CommandsOf(user);
        Assert.True(commands.Count <= 3, $"WebMail sent {commands.Count} IMAP commands for one new message with 5 tabs open (at most 3 expected): {ImapCommandSnapshot.Compact(commands)}");
        Assert.Equal(1, await MailStack.ServerConnectionCountAsync(user));
    }
}
