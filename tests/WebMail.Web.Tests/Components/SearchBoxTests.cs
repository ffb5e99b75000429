using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Web.Components;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>The search box and its advanced form: what they put in the address, and what the box shows.</summary>
public sealed class SearchBoxTests : WebMail.Web.Tests.Components.LocalizedBunitContext, IAsyncLifetime
{
    private static readonly FolderInfo[] Folders =
    [
        new("INBOX", "Inbox", 0, FolderRole.Inbox, 10, 3, true),
        new("Archive/2025 Projects", "2025 Projects", 1, FolderRole.None, 4, 0, true),
    ];

    private readonly BunitJSModuleInterop _module;

    public SearchBoxTests()
    {
        Services.AddScoped<BrowserInterop>();
        _module = JSInterop.SetupModule("./js/webmail.js");
        _module.Mode = JSRuntimeMode.Loose;
    }

    // BrowserInterop is only IAsyncDisposable: the container is disposed asynchronously.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<SearchBox> RenderBox(ListQuery query) =>
        Render<SearchBox>(p => p.Add(c => c.Query, query).Add(c => c.Folders, Folders));

    [Fact]
    public void Enter_TextTyped_NavigatesToTheSearchKeepingSortAndFilters()
    {
        var cut = RenderBox(new ListQuery("INBOX", Filter: ListFilter.Unread, Sort: new SortOrder(SortField.Subject, false)));

        cut.Find("#search-text").Input("from:alice  invoice ");
        cut.Find("form[role=search]").Submit();

        Assert.Equal($"http://localhost/mail/{FolderToken.Encode("INBOX")}?q=from%3Aalice%20%20invoice&sort=subject-asc&filter=unread", Navigation.Uri);
    }

    [Fact]
    public void Enter_AllFoldersChosen_AddsScopeAll()
    {
        var cut = RenderBox(new ListQuery("Archive/2025 Projects"));

        cut.Find("#search-text").Input("subject:\"budget review\"");
        cut.Find("#search-scope").Change("all");
        cut.Find("form[role=search]").Submit();

        Assert.Equal($"http://localhost/mail/{FolderToken.Encode("Archive/2025 Projects")}?q=subject%3A%22budget%20review%22&scope=all", Navigation.Uri);
    }

    [Fact]
    public void ScopeChanged_WhileASearchIsShown_SearchesAgainAtOnce()
    {
        var cut = RenderBox(new ListQuery("INBOX", "report"));

        cut.Find("#search-scope").Change("all");

        Assert.EndsWith("?q=report&scope=all", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Enter_EmptyBox_ReturnsToThePlainFolder()
    {
        var cut = RenderBox(new ListQuery("INBOX", "report", AllFolders: true));

        cut.Find("#search-text").Input("   ");
        cut.Find("form[role=search]").Submit();

        Assert.Equal($"http://localhost/mail/{FolderToken.Encode("INBOX")}", Navigation.Uri);
    }

    [Fact]
    public void Render_AddressChanges_BoxFollowsItButTypingSurvivesOtherRenders()
    {
        var cut = RenderBox(new ListQuery("INBOX", "is:unread", AllFolders: true));
        Assert.Equal("is:unread", cut.Find("#search-text").GetAttribute("value"));
        Assert.Equal("all", cut.Find("#search-scope").GetAttribute("value"));

        // Back to an earlier search (back/forward): the box shows that search.
        cut.Render(p => p.Add(c => c.Query, new ListQuery("INBOX", "from:bob")));
        Assert.Equal("from:bob", cut.Find("#search-text").GetAttribute("value"));
        Assert.Equal("", cut.Find("#search-scope").GetAttribute("value"));

        // The page renders again for the same list (new mail): what the user is typing stays.
        cut.Find("#search-text").Input("from:bob sub");
        cut.Render(p => p.Add(c => c.Query, new ListQuery("INBOX", "from:bob")));
        Assert.Equal("from:bob sub", cut.Find("#search-text").GetAttribute("value"));
    }

    [Fact]
    public void Render_BoxIsALabelledSearchLandmarkAndSlashAndEscapeAreWiredToIt()
    {
        var cut = RenderBox(new ListQuery("INBOX"));

        var form = cut.Find("form[role=search]");
        Assert.Equal("Search mail", form.GetAttribute("aria-label"));
        Assert.Equal("Search mail", cut.Find("label[for=search-text]").TextContent);
        Assert.Equal("/", cut.Find("#search-text").GetAttribute("aria-keyshortcuts"));
        var wired = _module.VerifyInvoke("enableSearchKeys");
        wired.Arguments[0].ShouldBeElementReferenceTo(cut.Find("#search-text"));
        Assert.Empty(cut.FindAll("a.clear-search"));
    }

    [Fact]
    public void ClearSearch_Shown_LinksToTheFolderKeepingSortAndFilters()
    {
        var cut = RenderBox(new ListQuery("INBOX", "report", ListFilter.Flagged, AllFolders: true));

        Assert.Equal($"mail/{FolderToken.Encode("INBOX")}?filter=flagged", cut.Find("a.clear-search").GetAttribute("href"));
    }

    [Fact]
    public void AdvancedForm_Filled_BuildsTheSameQueryTextInTheBoxAndSearches()
    {
        var cut = RenderBox(new ListQuery("INBOX"));
        var toggle = cut.Find("button[aria-controls=advanced-search]");
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        toggle.Click();
        Assert.Equal("true", cut.Find("button[aria-controls=advanced-search]").GetAttribute("aria-expanded"));

        cut.Find("#adv-from").Change("Ann Lee");
        cut.Find("#adv-to").Change("team@example.test");
        cut.Find("#adv-subject").Change("invoice");
        cut.Find("#adv-words").Change("quarterly -draft");
        cut.Find("#adv-after").Change("2026-01-31");
        cut.Find("#adv-before").Change("2026-03-01");
        cut.Find("#adv-larger").Change("500");
        cut.FindAll(".adv-checks input[type=checkbox]")[0].Change(true);
        cut.FindAll(".adv-checks input[type=checkbox]")[1].Change(true);
        cut.FindAll(".adv-checks input[type=checkbox]")[2].Change(true);
        cut.Find("#adv-folder").Change(AdvancedSearchFields.FolderChoice("Archive/2025 Projects"));
        cut.Find("form.advanced-search").Submit();

        const string Built = "from:\"Ann Lee\" to:team@example.test subject:invoice quarterly -draft has:attachment is:unread is:flagged "
            + "after:2026-01-31 before:2026-03-01 larger:500k in:\"Archive/2025 Projects\"";
        Assert.Equal(Built, cut.Find("#search-text").GetAttribute("value"));
        Assert.Empty(cut.FindAll("form.advanced-search"));
        Assert.Equal($"http://localhost/mail/{FolderToken.Encode("INBOX")}?q={Uri.EscapeDataString(Built)}", Navigation.Uri);
    }

    [Fact]
    public void AdvancedForm_AllFolders_SearchesEveryFolder()
    {
        var cut = RenderBox(new ListQuery("INBOX"));
        cut.Find("button[aria-controls=advanced-search]").Click();

        cut.Find("#adv-subject").Change("minutes");
        cut.Find("#adv-folder").Change(AdvancedSearchFields.AllFolders);
        cut.Find("form.advanced-search").Submit();

        Assert.Equal("subject:minutes", cut.Find("#search-text").GetAttribute("value"));
        Assert.EndsWith("?q=subject%3Aminutes&scope=all", Navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void AdvancedForm_OpenedOnASearch_StartsFromItsTextAndSubmitsItUnchanged()
    {
        const string Shown = "from:\"Ann Lee\" subject:invoice quarterly -draft is:unread after:2026-01-31 larger:500k";
        var cut = RenderBox(new ListQuery("INBOX", Shown));
        cut.Find("button[aria-controls=advanced-search]").Click();

        Assert.Equal("Ann Lee", cut.Find("#adv-from").GetAttribute("value"));
        Assert.Equal("invoice", cut.Find("#adv-subject").GetAttribute("value"));
        Assert.Equal("quarterly -draft", cut.Find("#adv-words").GetAttribute("value"));
        Assert.Equal("2026-01-31", cut.Find("#adv-after").GetAttribute("value"));
        Assert.Equal("500", cut.Find("#adv-larger").GetAttribute("value"));
        Assert.True(cut.FindAll(".adv-checks input[type=checkbox]")[1].HasAttribute("checked"));
        Assert.False(cut.FindAll(".adv-checks input[type=checkbox]")[0].HasAttribute("checked"));

        cut.Find("form.advanced-search").Submit();
        Assert.Equal(Shown, cut.Find("#search-text").GetAttribute("value"));
    }

    [Theory]
    [InlineData("from:ann OR from:bob", null, "from:ann OR from:bob")]
    [InlineData("(subject:a | subject:b) -is:unread", null, "(subject:a | subject:b) -is:unread")]
    [InlineData("-from:ann from:bob larger:2M", "bob", "-from:ann larger:2M")]
    [InlineData("in:all from:bob", "bob", null)]
    public void FromQueryText_TermsTheFormCannotHold_StayInTheWordsAsTyped(string text, string? from, string? words)
    {
        var fields = AdvancedSearchFields.FromQueryText(text);

        Assert.Equal(from, fields.From);
        Assert.Equal(words, fields.Words);
        Assert.Equal(text.Contains("in:all", StringComparison.Ordinal) ? AdvancedSearchFields.AllFolders : null, fields.Folder);
    }
}
