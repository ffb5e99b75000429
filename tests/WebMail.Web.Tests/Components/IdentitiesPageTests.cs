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
        Identities.AllowedAddresses[User] = ["alias@test.example"];
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

    [Fact]
    public void AddIdentity_AddressNotAllowed_RefusedWithASentenceAndNotListed()
    {
        var cut = Render<IdentitiesPage>();
        cut.WaitForElement("#identity-address", TimeSpan.FromSeconds(10));

        cut.Find("#identity-address").Change("The Boss <boss@test.example>");
        cut.Find("form[aria-label='New identity']").Submit();

        cut.WaitForAssertion(() => Assert.Equal(
            "You may not send as boss@test.example: it is not one of the addresses your mail administrator allows for your account.",
            cut.Find("[role=alert]").TextContent));
        Assert.DoesNotContain("boss@test.example", Assert.Single(cut.FindAll("[aria-label=Identities] li")).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIdentity_PlusAddressAllowedForTheDomain_AcceptedWhileAnotherLocalPartIsNot()
    {
        Identities.AllowedAddresses["*@test.example"] = ["{local}+*@{domain}"];
        var local = User.Split('@')[0];
        var cut = Render<IdentitiesPage>();
        cut.WaitForElement("#identity-address", TimeSpan.FromSeconds(10));

        cut.Find("#identity-address").Change($"boss+{local}@test.example");
        cut.Find("form[aria-label='New identity']").Submit();
        cut.WaitForAssertion(() => Assert.StartsWith($"You may not send as boss+{local}@test.example:", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal));

        cut.Find("#identity-address").Change($"{local}+lists@test.example");
        cut.Find("form[aria-label='New identity']").Submit();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[aria-label=Identities] li").Count));
        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Contains($"{local}+lists@test.example", cut.FindAll("[aria-label=Identities] li")[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIdentity_AdministratorAllowsAnyAddress_AnyAddressAccepted()
    {
        Identities.AllowAnyAddress = true;
        var cut = Render<IdentitiesPage>();
        cut.WaitForElement("#identity-address", TimeSpan.FromSeconds(10));

        cut.Find("#identity-address").Change("someone@elsewhere.example");
        cut.Find("form[aria-label='New identity']").Submit();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[aria-label=Identities] li").Count));
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    private static string Alias => new MimeKit.MailboxAddress("The Alias", "alias@test.example").ToString();

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
