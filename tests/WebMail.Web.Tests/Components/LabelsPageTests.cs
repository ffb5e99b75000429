using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WebMail.Testing;
using WebMail.Web.Components.Pages;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Components;

/// <summary>The labels page over a real SQLite settings database; two renders stand for two tabs.</summary>
public sealed class LabelsPageTests : WebMail.Web.Tests.Components.LocalizedBunitContext
{
    private readonly string _user = MailStack.NewUser("labels-page");

    public LabelsPageTests()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("webmail-labels-page-").FullName, "webmail.db");
        Services.AddDbContextFactory<WebMailDbContext>(db => db.UseSqlite($"Data Source={file}"));
        Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<LabelStore>();
        Services.AddSingleton<OrganizeSettingsStore>();
        AddAuthorization().SetAuthorized(_user);
        using var db = Services.GetRequiredService<IDbContextFactory<WebMailDbContext>>().CreateDbContext();
        db.Database.Migrate();
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void AddLabel_InOneTab_ListedInTheOtherAtOnce()
    {
        var first = Render<LabelsPage>();
        var second = Render<LabelsPage>();
        first.WaitForAssertion(() => Assert.Equal(5, first.FindAll("[aria-label=Labels] li").Count));

        first.Find("#label-name").Change("Customers");
        first.Find("#label-colour-text").Change("#0055aa");
        first.Find("form[aria-label='New label']").Submit();

        second.WaitForAssertion(() => Assert.Equal("Customers", second.FindAll("[aria-label=Labels] li")[^1].GetAttribute("aria-label")));
        Assert.Equal("Label “Customers” added.", first.Find("[role=status]").TextContent);
    }

    [Fact]
    public void AddLabel_BadNameAndColour_EachErrorNextToItsFieldAndNothingAdded()
    {
        var cut = Render<LabelsPage>();
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[aria-label=Labels] li").Count));

        cut.Find("#label-name").Change("   ");
        cut.Find("#label-colour-text").Change("blue");
        cut.Find("form[aria-label='New label']").Submit();

        Assert.Equal("Give the label a name.", cut.Find("#label-name-error[role=alert]").TextContent);
        Assert.Equal("true", cut.Find("#label-name").GetAttribute("aria-invalid"));
        Assert.Equal("\"blue\" is not a colour: write # and six hexadecimal digits, like #3366cc.", cut.Find("#label-colour-error[role=alert]").TextContent);
        Assert.Equal("label-colour-error", cut.Find("#label-colour-text").GetAttribute("aria-describedby"));
        Assert.Equal(5, cut.FindAll("[aria-label=Labels] li").Count);
    }

    [Fact]
    public void DeleteLabel_AsksFirst_KeepItLeavesItListed()
    {
        var cut = Render<LabelsPage>();
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("[aria-label=Labels] li").Count));

        cut.FindAll("li[aria-label=Work] button").Single(b => b.TextContent == "Delete Work").Click();
        Assert.Contains("Delete the label “Work”?", cut.Find("li[aria-label=Work] [role=alert]").TextContent, StringComparison.Ordinal);
        cut.Find("li[aria-label=Work] button:last-of-type").Click();
        Assert.Equal(5, cut.FindAll("[aria-label=Labels] li").Count);

        cut.FindAll("li[aria-label=Work] button").Single(b => b.TextContent == "Delete Work").Click();
        cut.Find("li[aria-label=Work] button").Click();
        cut.WaitForAssertion(() => Assert.Equal(["Important", "Personal", "To Do", "Later"], cut.FindAll("[aria-label=Labels] li").Select(li => li.GetAttribute("aria-label"))));
    }
}
