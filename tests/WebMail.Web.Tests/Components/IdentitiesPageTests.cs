using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Web.Components.Pages;
using WebMail.Web.Data;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Components;

public sealed class IdentitiesPageTests : MailComponentContext
{
    public IdentitiesPageTests()
    {
        Services.AddSingleton<ComposeDrafts>();
        Services.AddSingleton<ComposeRegistry>();
        Services.AddSingleton<AntiforgeryStateProvider, FixedAntiforgery>();
    }

    [Fact]
    public void AddSecondIdentity_OwnAddressStaysListedAndInTheFromMenu()
    {
        var cut = Render<IdentitiesPage>();
        cut.WaitForElement("#identity-address", TimeSpan.FromSeconds(10));

        cut.Find("#identity-address").Change("alias@test.example");
        cut.Find("#identity-name").Change("The Alias");
        cut.Find("#identity-default").Change(true);
        cut.Find("form[aria-label='New identity']").Submit();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[aria-label=Identities] li").Count));
        var items = cut.FindAll("[aria-label=Identities] li").Select(li => li.TextContent).ToList();
        Assert.Contains(Alias, items[0], StringComparison.Ordinal);
        Assert.Contains("Default", items[0], StringComparison.Ordinal);
        Assert.Contains(User, items[1], StringComparison.Ordinal);

        // The own address can be made the default again.
        cut.Find($"button[aria-label='Make {User} the default']").Click();
        cut.WaitForAssertion(() => Assert.Contains(User, cut.FindAll("[aria-label=Identities] li")[0].TextContent, StringComparison.Ordinal));

        var compose = Render<ComposePage>();
        compose.WaitForElement("#compose-from", TimeSpan.FromSeconds(10));
        var from = compose.FindAll("#compose-from option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal([User, Alias], from);
    }

    [Fact]
    public void AddIdentity_SignatureTypedWithItsDelimiter_ShownWithExactlyOne()
    {
        var cut = Render<IdentitiesPage>();
        cut.WaitForElement("#identity-address", TimeSpan.FromSeconds(10));

        cut.Find("#identity-address").Change(User);
        cut.Find("#identity-signature").Change("-- \nAlice\nHead of Mail");
        cut.Find("form[aria-label='New identity']").Submit();

        cut.WaitForAssertion(() => Assert.Equal("-- \nAlice\nHead of Mail", cut.Find("pre.signature").TextContent));
        Assert.Single(cut.FindAll("[aria-label=Identities] li"));
    }

    private static string Alias => new MimeKit.MailboxAddress("The Alias", "alias@test.example").ToString();

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
