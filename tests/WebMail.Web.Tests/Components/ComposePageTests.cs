using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Testing;
using WebMail.Web.Components.Pages;

namespace WebMail.Web.Tests.Components;

public sealed class ComposePageTests() : MailComponentContext()
{
    [Fact]
    public void Send_InvalidRecipient_NamedAndNothingSent()
    {
        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-to", TimeSpan.FromSeconds(10));

        cut.Find("#compose-to").Input("friend@example.test, not an address");
        cut.Find("form").Submit();

        Assert.Equal("This address is not valid: not an address.", cut.Find("[role=alert]").TextContent);
        Assert.Empty(cut.FindAll("button:contains('Undo')"));
    }

    [Fact]
    public async Task NewMessage_DefaultIdentity_IsTheSenderAndItsSignatureIsInTheBody()
    {
        var identities = Services.GetRequiredService<WebMail.Web.Data.IdentityStore>();
        await identities.SaveAsync(new WebMail.Web.Data.IdentityRecord { UserName = User, Address = User, DisplayName = "Team Lead", Signature = "Kind regards,\nthe team lead", IsDefault = true });

        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-from", TimeSpan.FromSeconds(10));

        Assert.Equal(new MimeKit.MailboxAddress("Team Lead", User).ToString(), cut.Find("#compose-from").GetAttribute("value"));
        Assert.EndsWith("\n-- \nKind regards,\nthe team lead", cut.Find("#compose-body").GetAttribute("value")?.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Attach_TooLargeEmptyAndHostileNames_ClearMessagesAndSafeName()
    {
        Compose.MaxAttachmentBytes = 1000;
        var cut = Render<ComposePage>();
        cut.WaitForElement("#compose-to", TimeSpan.FromSeconds(10));
        var input = cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>();

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
        await Services.GetRequiredService<WebMail.Web.Data.IdentityStore>().SavePreferencesAsync(new WebMail.Web.Data.UserPreferences { UserName = User, ComposeRichText = true });

        var cut = Render<ComposePage>();
        cut.WaitForElement("[contenteditable=true][role=textbox]", TimeSpan.FromSeconds(10));

        Assert.Empty(cut.FindAll("#compose-body"));
        Assert.Equal("Plain text", cut.Find("[role=toolbar][aria-label=Formatting] button[aria-pressed]").TextContent);
    }

    [Fact]
    public async Task Send_UndoDuringCountdown_KeepsEditingAndSendsNothing()
    {
        Compose.UndoSendSeconds = 3;
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
}
