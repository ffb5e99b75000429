using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Components;

public sealed class RecipientInputTests() : MailComponentContext()
{
    [Fact]
    public async Task Typing_PartOfACollectedAddress_SuggestsItAndChoosingCompletesTheField()
    {
        var contacts = Services.GetRequiredService<ContactStore>();
        await contacts.CollectAsync(User, [new MailAddress("Jürgen Müller", "juergen.mueller@example.test"), new MailAddress(null, "jane@example.test")]);
        await contacts.AddToAddressBookAsync(User, new MailAddress("Julia Jones", "julia@example.test"));
        var value = "bob@example.test, ju";
        var cut = Render<RecipientInput>(p => p.Add(c => c.Id, "to").Add(c => c.Value, value).Add(c => c.ValueChanged, v => value = v));

        cut.Find("input").Input("bob@example.test, ju");

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[role=option]").Count), TimeSpan.FromSeconds(5));
        Assert.Equal("Julia Jones <julia@example.test>", cut.FindAll("[role=option]")[0].TextContent.Trim());
        Assert.Equal("true", cut.Find("input").GetAttribute("aria-expanded"));
        cut.FindAll("[role=option]")[1].MouseDown();
        Assert.Equal("bob@example.test, Jürgen Müller <juergen.mueller@example.test>, ", value);
        Assert.Empty(cut.FindAll("[role=option]"));
    }
}
