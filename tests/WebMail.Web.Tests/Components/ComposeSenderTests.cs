using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Testing;
using WebMail.Web.Components.Pages;
using WebMail.Web.Data;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>Nobody sends as somebody else: the From list and the send-time check (SenderPolicy), against the real stack.</summary>
public sealed class ComposeSenderTests : ComposeComponentContext
{
    public ComposeSenderTests()
    {
        // The browser reports exactly the server copy of a new, untouched message (empty body, revision 0).
        Module.Setup<ComposerFlush?>("flushComposer", _ => true)
            .SetResult(new ComposerFlush(0, 0, 0, ComposeHash.Of(""), 0, ComposeHash.Of(""), null));
    }

    [Fact]
    public async Task NewMessage_IdentityStoredBeforeTheRuleChanged_NotOffered()
    {
        Identities.AllowedAddresses[User] = ["team@test.example"];
        var store = Services.GetRequiredService<IdentityStore>();
        await store.SaveAsync(new IdentityRecord { UserName = User, Address = "team@test.example", DisplayName = "Team" });
        await store.SaveAsync(new IdentityRecord { UserName = User, Address = "withdrawn@test.example", DisplayName = "Withdrawn", IsDefault = true });

        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-from", TimeSpan.FromSeconds(10));

        var offered = cut.FindAll("#compose-from option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal([User, new MimeKit.MailboxAddress("Team", "team@test.example").ToString()], offered);
        Assert.Equal(User, cut.Find("#compose-from").GetAttribute("value"));
    }

    [Fact]
    public async Task Send_ForgedFromValue_RefusedBeforeSmtpAndTheDraftIsKept()
    {
        Compose.UndoSendSeconds = 0;
        var recipient = MailStack.NewUser("rcpt");
        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-from", TimeSpan.FromSeconds(10));

        // A value the list never offered, as a tampered circuit message would set it.
        cut.Find("#compose-from").Change("The Boss <boss@test.example>");
        cut.Find("#compose-to").Input(recipient);
        cut.Find("#compose-subject").Input("Wire the money");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(
            "You may not send as boss@test.example: it is not one of the addresses your mail administrator allows for your account. Your message was not sent; it is kept in Drafts.",
            cut.Find("[role=alert]").TextContent.Trim()), TimeSpan.FromSeconds(20));
        using var imap = await MailStack.ConnectAsync(User);
        var drafts = await imap.GetFolderAsync("Drafts");
        await drafts.OpenAsync(MailKit.FolderAccess.ReadOnly);
        var kept = Assert.Single(await drafts.FetchAsync(0, -1, new MailKit.FetchRequest(MailKit.MessageSummaryItems.Envelope)));
        Assert.Equal("Wire the money", kept.Envelope?.Subject);
        Assert.Equal(0, await Seeder.CountInboxAsync(recipient, MailStack.TestPassword));
    }

    /// <summary>Needs the local stack started with this branch's Postfix settings (reject_sender_login_mismatch).</summary>
    [Fact]
    public async Task Send_MailServerRefusesTheSender_ShowsItsReasonAndKeepsTheDraft()
    {
        Compose.UndoSendSeconds = 0;
        Identities.AllowAnyAddress = true;
        var (other, recipient) = (MailStack.NewUser("other"), MailStack.NewUser("rcpt"));
        await Services.GetRequiredService<IdentityStore>().SaveAsync(new IdentityRecord { UserName = User, Address = other, IsDefault = true });
        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-from", TimeSpan.FromSeconds(10));

        Assert.Equal(other, cut.Find("#compose-from").GetAttribute("value"));
        cut.Find("#compose-to").Input(recipient);
        cut.Find("#compose-subject").Input("Not really me");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(
            $"The mail server refused to send this as {other}: Sender address rejected: not owned by user {User}. Your message was not sent; it is kept in Drafts.",
            cut.Find("[role=alert]").TextContent.Trim()), TimeSpan.FromSeconds(20));
        using var imap = await MailStack.ConnectAsync(User);
        var drafts = await imap.GetFolderAsync("Drafts");
        await drafts.OpenAsync(MailKit.FolderAccess.ReadOnly);
        Assert.Equal(1, drafts.Count);
    }
}
