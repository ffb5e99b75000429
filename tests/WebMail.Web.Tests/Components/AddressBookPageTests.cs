using Bunit;
using WebMail.Web.Components.Pages;

namespace WebMail.Web.Tests.Components;

public sealed class AddressBookPageTests() : MailComponentContext()
{
    [Fact]
    public void Add_ValidContact_ListedAndOfferedFirst_InvalidOneExplained()
    {
        var cut = Render<AddressBookPage>();
        cut.WaitForElement("#contact-address", TimeSpan.FromSeconds(10));

        cut.Find("#contact-address").Change("no-at-sign");
        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Equal("\"no-at-sign\" is not a valid address.", cut.Find("[role=alert]").TextContent));

        cut.Find("#contact-name").Change("Zoë Ångström");
        cut.Find("#contact-address").Change("zoe@example.test");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Zoë Ångström <zoe@example.test>", cut.Find("[aria-label=Contacts]").TextContent, StringComparison.Ordinal));
        cut.Find("button[aria-label='Remove zoe@example.test']").Click();
        cut.WaitForAssertion(() => Assert.DoesNotContain("zoe@example.test", cut.Find("[aria-label=Contacts]").TextContent, StringComparison.Ordinal));
    }
}
