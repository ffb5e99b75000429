using System.Text.RegularExpressions;
using MailKit;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>New mail and other clients' changes reach every open tab without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveMailTests(BrowserFixture browser)
{
    [Fact]
    public async Task TwoTabs_MailDeliveredAndFlaggedElsewhere_BothUpdateWithoutReload()
    {
        var user = MailStack.NewUser("live");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("plain-text-urls-and-escaping.eml")]);
        await using var session = await browser.SignedInAsync(user);
        var first = session.Page;
        var second = await session.Context.NewPageAsync();
        await second.GotoAsync("/");
        await UserActions.WaitInteractiveAsync(second);
        foreach (var tab in new[] { first, second })
        {
            await Assertions.Expect(Inbox(tab).GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
            await Assertions.Expect(tab).ToHaveTitleAsync("Inbox — WebMail");
        }

        await MailStack.DeliverAsync(Message("Arrives while you look"), user);

        foreach (var tab in new[] { first, second })
        {
            var row = Inbox(tab).GetByRole(AriaRole.Link).First;
            await Assertions.Expect(row).ToContainTextAsync("Arrives while you look");
            await Assertions.Expect(tab).ToHaveTitleAsync("(1) Inbox — WebMail");
        }

        // A phone flags the new message: both tabs show the flag.
        using (var phone = await MailStack.ConnectAsync(user))
        {
            await phone.Inbox.OpenAsync(FolderAccess.ReadWrite);
            var uids = await phone.Inbox.SearchAsync(MailKit.Search.SearchQuery.SubjectContains("Arrives while you look"));
            await phone.Inbox.StoreAsync(uids, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Flagged) { Silent = true });
        }

        foreach (var tab in new[] { first, second })
        {
            await Assertions.Expect(Inbox(tab).Locator("li.row").First).ToHaveClassAsync(new Regex("flagged"));
        }

        // Five tabs of one user still share one IMAP connection on the server.
        for (var i = 0; i < 3; i++)
        {
            var extra = await session.Context.NewPageAsync();
            await extra.GotoAsync("/");
            await UserActions.WaitInteractiveAsync(extra);
            await Assertions.Expect(Inbox(extra).GetByRole(AriaRole.Link)).ToHaveCountAsync(2);
        }

        Assert.InRange(await MailStack.ServerConnectionCountAsync(user), 1, 2);
    }

    [Fact]
    public async Task TwoUsers_MailForOne_NeverShowsForTheOther()
    {
        var (ann, ben) = (MailStack.NewUser("ann"), MailStack.NewUser("ben"));
        await using var annSession = await browser.SignedInAsync(ann);
        await using var benSession = await browser.SignedInAsync(ben);

        await MailStack.DeliverAsync(Message("Only for Ann"), ann);

        await Assertions.Expect(Inbox(annSession.Page).GetByRole(AriaRole.Link, new() { Name = "Only for Ann" })).ToBeVisibleAsync();
        await MailStack.DeliverAsync(Message("Only for Ben"), ben);
        await Assertions.Expect(Inbox(benSession.Page).GetByRole(AriaRole.Link, new() { Name = "Only for Ben" })).ToBeVisibleAsync();
        await Assertions.Expect(Inbox(benSession.Page).GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
        await Assertions.Expect(Inbox(annSession.Page).GetByRole(AriaRole.Link)).ToHaveCountAsync(1);
    }

    private static ILocator Inbox(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });

    private static MimeMessage Message(string subject)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Hello." } };
        message.From.Add(new MailboxAddress("Live Sender", "live@example.org"));
        return message;
    }
}
