using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>Sort and filters above the list: pressed state and the address each change goes to.</summary>
public sealed class SearchToolbarTests : WebMail.Web.Tests.Components.LocalizedBunitContext
{
    private static readonly string Inbox = $"http://localhost/mail/{FolderToken.Encode("INBOX")}";

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<ListToolbar> RenderToolbar(ListQuery query) => Render<ListToolbar>(p => p.Add(c => c.Query, query));

    private string Pressed(IRenderedComponent<ListToolbar> cut, string name) =>
        cut.FindAll("[role=group][aria-label=Filters] button").Single(b => b.TextContent == name).GetAttribute("aria-pressed")!;

    [Fact]
    public void Filters_FromTheAddress_ShownPressed()
    {
        var cut = RenderToolbar(new ListQuery("INBOX", Filter: ListFilter.Unread | ListFilter.Attachments));

        Assert.Equal("true", Pressed(cut, "Unread"));
        Assert.Equal("false", Pressed(cut, "Flagged"));
        Assert.Equal("true", Pressed(cut, "With attachments"));
    }

    [Fact]
    public void Filter_Toggled_NavigatesWithItOnOrOffKeepingTheSearch()
    {
        var cut = RenderToolbar(new ListQuery("INBOX", "report", ListFilter.Unread));

        cut.FindAll(".filters button").Single(b => b.TextContent == "Flagged").Click();
        Assert.Equal($"{Inbox}?q=report&filter=unread,flagged", Navigation.Uri);

        cut.Render(p => p.Add(c => c.Query, new ListQuery("INBOX", "report", ListFilter.Unread | ListFilter.Flagged)));
        Assert.Equal("true", Pressed(cut, "Flagged"));
        cut.FindAll(".filters button").Single(b => b.TextContent == "Unread").Click();
        Assert.Equal($"{Inbox}?q=report&filter=flagged", Navigation.Uri);
    }

    [Fact]
    public void Sort_FieldChosen_StartsInItsNaturalDirection()
    {
        var cut = RenderToolbar(new ListQuery("INBOX"));
        Assert.Equal("Arrival", cut.Find("#list-sort").GetAttribute("value"));
        Assert.Equal("Newest first", cut.Find("#list-order option[value=desc]").TextContent);

        cut.Find("#list-sort").Change("Subject");
        Assert.Equal($"{Inbox}?sort=subject-asc", Navigation.Uri);

        cut.Find("#list-sort").Change("Size");
        Assert.Equal($"{Inbox}?sort=size-desc", Navigation.Uri);
    }

    [Fact]
    public void Sort_DirectionChanged_KeepsTheFieldAndTheDefaultOrderLeavesTheAddress()
    {
        var cut = RenderToolbar(new ListQuery("INBOX", Sort: new SortOrder(SortField.From, false), Filter: ListFilter.Flagged));
        Assert.Equal("From", cut.Find("#list-sort").GetAttribute("value"));
        Assert.Equal("asc", cut.Find("#list-order").GetAttribute("value"));
        Assert.Equal("A to Z", cut.Find("#list-order option[value=asc]").TextContent);

        cut.Find("#list-order").Change("desc");
        Assert.Equal($"{Inbox}?sort=from-desc&filter=flagged", Navigation.Uri);

        cut.Render(p => p.Add(c => c.Query, new ListQuery("INBOX", Sort: new SortOrder(SortField.Arrival, false))));
        cut.Find("#list-order").Change("desc");
        Assert.Equal(Inbox, Navigation.Uri);
    }
}
