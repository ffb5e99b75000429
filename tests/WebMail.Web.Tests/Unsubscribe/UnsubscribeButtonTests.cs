using Bunit;
using MailKit;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Components.Mail;
using WebMail.Web.Tests.Components;

namespace WebMail.Web.Tests.Unsubscribe;

/// <summary>The reader's Unsubscribe button (bUnit, real Dovecot and Postfix): asks first, then mails or opens the page.</summary>
public sealed class UnsubscribeButtonTests() : MailComponentContext()
{
    [Fact]
    public async Task Mailto_Confirmed_MessageFromTheUserArrivesWithTheUrisSubjectAndBody()
    {
        var list = MailStack.NewUser("list");
        var id = await AppendAsync("Club news", "Club <club@example.com>", $"<mailto:{list}?subject=remove%20me&body=Please%20remove%20me.>");
        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));

        OpenDialog(cut);
        var dialog = cut.Find("[role=dialog]");
        Assert.Equal("Unsubscribe from Club?", dialog.QuerySelector("h2")!.TextContent);
        Assert.Contains($"send a message from you to {list}", dialog.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(list)); // nothing before the user confirms
        cut.Find("[role=dialog] button:contains('Unsubscribe')").Click();

        cut.WaitForAssertion(() => Assert.Equal($"Unsubscribe request sent to {list}.", cut.Find(".unsubscribe-outcome").TextContent), TimeSpan.FromSeconds(20));
        Assert.Empty(cut.FindAll("[role=dialog]"));
        await MailStack.WaitForInboxAsync(list, 1);
        using var client = await MailStack.ConnectAsync(list);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        using var sent = await client.Inbox.GetMessageAsync(0);
        Assert.Equal("remove me", sent.Subject);
        Assert.Equal("Please remove me.", sent.TextBody?.Trim());
        Assert.Equal(User, sent.From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task WebPageOnly_Confirmed_IsALinkToANewTabWithoutOpenerOrReferrer()
    {
        var id = await AppendAsync("Shop offers", "Shop <offers@shop.example>", "<https://shop.example/prefs?u=1>");
        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));

        OpenDialog(cut);
        var link = cut.Find("[role=dialog] a");

        Assert.Equal("Open the list's page", link.TextContent);
        Assert.Equal("https://shop.example/prefs?u=1", link.GetAttribute("href"));
        Assert.Equal("_blank", link.GetAttribute("target"));
        Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        cut.Find("[role=dialog] button:contains('Cancel')").Click();
        Assert.Empty(cut.FindAll("[role=dialog]"));
    }

    [Fact]
    public async Task NoListHeader_NoButton()
    {
        var id = await AppendAsync("Personal note", "Ann <ann@example.com>", null);
        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));

        cut.WaitForElement("h2", TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Equal("Personal note", cut.Find("h2").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("button.unsubscribe-button"));
    }

    /// <summary>Once the reader has settled (the receipt question decided, the message marked read), opens the dialog.</summary>
    private static void OpenDialog(IRenderedComponent<MessageReader> cut)
    {
        cut.WaitForElement("[data-read-receipt]", TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Contains("Mark unread", cut.Find("[role=toolbar]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        cut.Find("button.unsubscribe-button").Click();
        cut.WaitForElement("[role=dialog]", TimeSpan.FromSeconds(10));
    }

    private async Task<MessageRef> AppendAsync(string subject, string from, string? listUnsubscribe)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(User));
        if (listUnsubscribe is not null)
        {
            message.Headers.Add("List-Unsubscribe", listUnsubscribe);
        }

        message.Body = new TextPart("plain") { Text = "Hello." };
        using (var client = await MailStack.ConnectAsync(User))
        {
            await client.Inbox.AppendAsync(new AppendRequest(message));
            await client.DisconnectAsync(true);
        }

        using var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User);
        return (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 50)).Rows.Single(r => r.Subject == subject).Id;
    }

    private static async Task<int> CountAsync(string user)
    {
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return client.Inbox.Count;
    }
}
