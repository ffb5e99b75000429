using System.Text.RegularExpressions;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// WebMail on a server without SPECIAL-USE (the stack's Dovecot reached as 127.0.0.2, for a user whose folders carry
/// no special_use attributes): the folders are recognised by name, and a message moves to Archive.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ServerCompatibilityBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task WithoutSpecialUse_ArchiveIsFoundByName_AndAMessageMovesThere()
    {
        var user = MailStack.NewUserWithoutSpecialUse();
        using (var client = new ImapClient())
        {
            await client.ConnectAsync(MailStack.CompatHost, MailStack.ImapPort, SecureSocketOptions.None);
            await client.AuthenticateAsync(user, MailStack.TestPassword);
            Assert.Equal(ImapCapabilities.None, client.Capabilities & ImapCapabilities.SpecialUse);
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            foreach (var name in new[] { "Archive", "Sent Items", "Projects" })
            {
                await root.CreateAsync(name, true);
            }

            var message = new MimeMessage { Subject = "Quarterly report to keep" };
            message.From.Add(MailboxAddress.Parse("finance@example.org"));
            message.To.Add(MailboxAddress.Parse(user));
            message.Body = new TextPart("plain") { Text = "Keep this one." };
            await client.Inbox.AppendAsync(new MailKit.AppendRequest(message));
        }

        await using var app = new KestrelWebMailFactory().With("WebMail:Imap:Host", MailStack.CompatHost);
        app.StartServer();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress });
        await using var _ = context;
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);

        // Archive and Sent Items sit with the special folders, with their icons, before the ordinary Projects; like every special
        // folder they show under the name of their use in the user's language ("Sent Items" is the Sent folder: "Sent").
        var folders = page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" });
        await Assertions.Expect(folders.GetByRole(AriaRole.Link)).ToHaveTextAsync([new Regex(@"^\s*Inbox,?\s*1 unread$"), new Regex(@"^\s*Sent$"), new Regex(@"^\s*Archive$"), new Regex(@"^\s*Projects$")]);
        await Assertions.Expect(folders.GetByRole(AriaRole.Link, new() { Name = "Archive" }).Locator(".icon-archive")).ToHaveCountAsync(1);
        await Assertions.Expect(folders.GetByRole(AriaRole.Link, new() { Name = "Sent", Exact = true }).Locator(".icon-sent")).ToHaveCountAsync(1);

        var inbox = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });
        await inbox.GetByRole(AriaRole.Link, new() { Name = "Quarterly report to keep" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quarterly report to keep" })).ToBeVisibleAsync();
        var move = page.GetByLabel("Move to folder");
        await Assertions.Expect(move.Locator("option")).ToHaveTextAsync(["Move to…", "Sent", "Archive", "Projects"]);
        await move.SelectOptionAsync(new SelectOptionValue { Label = "Archive" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Move", Exact = true }).ClickAsync();
        await Assertions.Expect(inbox.GetByRole(AriaRole.Link, new() { Name = "Quarterly report to keep" })).ToHaveCountAsync(0);

        await folders.GetByRole(AriaRole.Link, new() { Name = "Archive" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Messages in Archive" }).GetByRole(AriaRole.Link, new() { Name = "Quarterly report to keep" })).ToBeVisibleAsync();
    }
}
