using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Testing;
using WebMail.Web.Components.Pages;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Components;

public sealed class ComposePageTests : ComposeComponentContext
{
    [Fact]
    public void Send_InvalidRecipient_NamedAndNothingSent()
    {
        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-to", TimeSpan.FromSeconds(10));

        cut.Find("#compose-to").Input("friend@example.test, not an address");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("This address is not valid: not an address.", cut.Find("[role=alert]").TextContent));
        Assert.Empty(cut.FindAll("button:contains('Undo')"));
    }

    [Theory]
    [InlineData("Kind regards,\nthe team lead")]
    [InlineData("-- \nKind regards,\nthe team lead")]
    public async Task NewMessage_DefaultIdentity_IsTheSenderAndItsSignatureFollowsOneDelimiter(string stored)
    {
        var identities = Services.GetRequiredService<WebMail.Web.Data.IdentityStore>();
        await identities.SaveAsync(new WebMail.Web.Data.IdentityRecord { UserName = User, Address = User, DisplayName = "Team Lead", Signature = stored, IsDefault = true });

        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-from", TimeSpan.FromSeconds(10));

        Assert.Equal(new MimeKit.MailboxAddress("Team Lead", User).ToString(), cut.Find("#compose-from").GetAttribute("value"));
        cut.WaitForState(() => EditorStart() is not null, TimeSpan.FromSeconds(5));
        Assert.Equal("\n\n-- \nKind regards,\nthe team lead", EditorStart()!.Text);
    }

    [Fact]
    public void NewMessage_EditorStartsOnceWithTheServerCopy_AndRendersNeverSetItsContent()
    {
        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-subject", TimeSpan.FromSeconds(10));
        cut.WaitForState(() => EditorStart() is not null, TimeSpan.FromSeconds(5));

        cut.Find("#compose-subject").Input("Several renders");
        cut.Find("#compose-subject").Input("Several renders later");

        Assert.Single(Module.Invocations["initComposer"]);
        var body = cut.Find("#compose-body");
        Assert.Null(body.GetAttribute("value"));
        Assert.Equal("", body.TextContent);
    }

    [Fact]
    public void Attach_TooLargeEmptyAndHostileNames_ClearMessagesAndSafeName()
    {
        Compose.MaxAttachmentBytes = 1000;
        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-to", TimeSpan.FromSeconds(10));
        var input = cut.FindComponent<InputFile>();

        input.UploadFiles(InputFileContent.CreateFromBinary(new byte[2000], "big.bin"));
        cut.WaitForAssertion(() => Assert.Equal("big.bin is 2 KB, larger than the 1000 B limit; it was not attached.", cut.Find("[role=alert]").TextContent));

        input.UploadFiles(InputFileContent.CreateFromBinary([], "empty.txt"));
        cut.WaitForAssertion(() => Assert.Equal("empty.txt is empty; it was not attached.", cut.Find("[role=alert]").TextContent));

        input.UploadFiles(InputFileContent.CreateFromText("data", "../../etc/pass\u0001wd" + new string('x', 500) + ".txt"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[aria-label=Attachments] li")));
        var name = cut.Find("[aria-label=Attachments] li").TextContent.Trim();
        Assert.StartsWith("pass_wdxxx", name, StringComparison.Ordinal);
        Assert.DoesNotContain("..", name, StringComparison.Ordinal);
        Assert.DoesNotContain("/", name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NewMessage_UserPrefersRichText_StartsInTheEditor()
    {
        await Services.GetRequiredService<WebMail.Web.Data.OrganizeSettingsStore>().SetOrganizeSettingsAsync(User, WebMail.Web.Data.OrganizeSettings.Default with { ComposeFormat = WebMail.Web.Data.ComposeFormat.Html });

        var cut = Render<ComposePage>();
        cut.WaitForElement("div[contenteditable][role=textbox]", TimeSpan.FromSeconds(10));

        Assert.Empty(cut.FindAll("#compose-body"));
        Assert.Equal("Plain text", cut.Find("[role=toolbar][aria-label=Formatting] button[aria-pressed]").TextContent);
        cut.WaitForState(() => EditorStart() is not null, TimeSpan.FromSeconds(5));
        Assert.True(EditorStart()!.Rich);
    }

    [Fact]
    public async Task Send_ServerCopyDiffersFromTheBrowser_NothingSentAndTheUserIsTold()
    {
        var recipient = MailStack.NewUser("rcpt");
        Module.Setup<ComposerFlush?>("flushComposer", _ => true)
            .SetResult(new ComposerFlush(0, 1, 5, ComposeHash.Of("Hello"), 0, ComposeHash.Of(""), null));
        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-to", TimeSpan.FromSeconds(10));
        cut.Find("#compose-to").Input(recipient);

        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.StartsWith("Some of your text has not reached the server yet.", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.EndsWith("Nothing was sent.", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("button:contains('Undo')"));
        Assert.Equal(0, await Seeder.CountInboxAsync(recipient, MailStack.TestPassword));
    }

    [Fact]
    public async Task Send_UndoDuringCountdown_KeepsEditingAndSendsNothing()
    {
        Compose.UndoSendSeconds = 3;
        BrowserHoldsServerCopy();
        var recipient = MailStack.NewUser("rcpt");
        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-to", TimeSpan.FromSeconds(10));
        cut.Find("#compose-to").Input(recipient);
        cut.Find("#compose-subject").Input("Maybe not");

        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("Sending in", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        cut.Find("button:contains('Undo')").Click();

        cut.WaitForAssertion(() => Assert.Contains("Sending cancelled; keep editing.", cut.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Equal("Maybe not", cut.Find("#compose-subject").GetAttribute("value"));
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(0, await Seeder.CountInboxAsync(recipient, MailStack.TestPassword));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Send_AcceptedButSentFolderRefusesTheCopy_SaysSentAndNeverOffersToSendAgain()
    {
        Compose.UndoSendSeconds = 0;
        BrowserHoldsServerCopy();
        var recipient = MailStack.NewUser("rcpt");
        using (var imap = await MailStack.ConnectAsync(User))
        {
            await (await imap.GetFolderAsync("Sent")).OpenAsync(MailKit.FolderAccess.ReadOnly);
        }

        // Dovecot can no longer write into the user's Sent folder (the test runs as root, Dovecot as the mail user).
        var sent = Path.Combine(MailStack.StackDirectory, "mail", "test.example", User.Split('@')[0], "Maildir", ".Sent", "tmp");
        var mode = File.GetUnixFileMode(sent);
        File.SetUnixFileMode(sent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var cut = Render<ComposePage>();
            cut.WaitForElement("#compose-to", TimeSpan.FromSeconds(10));
            cut.Find("#compose-to").Input(recipient);
            cut.Find("#compose-subject").Input("Arrives anyway");

            cut.Find("form").Submit();

            cut.WaitForAssertion(() => Assert.StartsWith("Your message was sent. A copy could not be filed in Sent.", cut.Find("[role=alert]").TextContent.Trim(), StringComparison.Ordinal), TimeSpan.FromSeconds(20));
            Assert.Empty(cut.FindAll("button[type=submit]"));
            await MailStack.WaitForInboxAsync(recipient, 1);
        }
        finally
        {
            File.SetUnixFileMode(sent, mode);
        }
    }

    [Fact]
    public async Task Reply_UserWritesBelowTheQuote_TextAndCaretGoAfterTheQuoteSignatureLast()
    {
        await Services.GetRequiredService<WebMail.Web.Data.OrganizeSettingsStore>().SetOrganizeSettingsAsync(User, WebMail.Web.Data.OrganizeSettings.Default with { ReplyPosition = WebMail.Web.Data.ReplyPosition.BelowQuote });
        await Services.GetRequiredService<WebMail.Web.Data.IdentityStore>().SaveAsync(new WebMail.Web.Data.IdentityRecord { UserName = User, Address = User, Signature = "Ann", IsDefault = true });
        var original = new MimeKit.MimeMessage { Subject = "Lunch on Friday?", Body = new MimeKit.TextPart("plain") { Text = "Shall we meet at noon?" } };
        original.From.Add(new MimeKit.MailboxAddress("Dave", "dave@example.test"));
        original.To.Add(MimeKit.MailboxAddress.Parse(User));
        await MailStack.DeliverAsync(original, User);
        await MailStack.WaitForInboxAsync(User, 1);
        using (var lease = Services.GetRequiredService<WebMail.Mail.Sessions.ImapSessionPool>().Lease(User))
        {
            var id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single().Id;
            Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"compose?reply={id.ToToken()}&kind=Reply");
        }

        var cut = Render<ComposePage>();
        cut.WaitForState(() => EditorStart() is not null, TimeSpan.FromSeconds(10));

        var start = EditorStart()!;
        Assert.False(start.Rich);
        Assert.StartsWith("On ", start.Text, StringComparison.Ordinal);
        Assert.EndsWith("> Shall we meet at noon?\n\n", start.Text[..start.Caret!.Value], StringComparison.Ordinal);
        Assert.Equal("\n\n-- \nAnn", start.Text[start.Caret.Value..]);
    }

    [Fact]
    public async Task Send_PlainTextByDefault_SendsTextPlainOnly()
    {
        Compose.UndoSendSeconds = 0;
        BrowserHoldsServerCopy();
        var recipient = MailStack.NewUser("rcpt");
        var cut = Render<ComposePage>();
        cut.WaitForState(() => EditorStart() is not null, TimeSpan.FromSeconds(10));
        Assert.False(EditorStart()!.Rich);
        Assert.Null(EditorStart()!.Caret);
        cut.Find("#compose-to").Input(recipient);
        cut.Find("#compose-subject").Input("Plain by default");

        cut.Find("form").Submit();

        await MailStack.WaitForInboxAsync(recipient, 1);
        using var imap = await MailStack.ConnectAsync(recipient);
        await imap.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
        var sent = await imap.Inbox.GetMessageAsync(0);
        Assert.Equal("Plain by default", sent.Subject);
        Assert.Equal("text/plain", sent.Body?.ContentType.MimeType);
        Assert.DoesNotContain(sent.BodyParts, p => p.ContentType.IsMimeType("text", "html"));
    }

    /// <summary>The browser reports exactly the server copy of a new, untouched message (empty body, revision 0).</summary>
    private void BrowserHoldsServerCopy() =>
        Module.Setup<ComposerFlush?>("flushComposer", _ => true)
            .SetResult(new ComposerFlush(0, 0, 0, ComposeHash.Of(""), 0, ComposeHash.Of(""), null));
}
