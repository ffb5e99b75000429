using Microsoft.AspNetCore.Components;
using WebMail.Mail.Model;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// The search box: its text, the scope (this folder or all folders) and the advanced form all end in one address
/// (<see cref="ListUrl"/>); the page reads the list's query from that address, so the box shows what the address says.
/// </summary>
public partial class SearchBox
{
    private ElementReference _input;
    private ListQuery? _shown;
    private bool _advanced;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    /// <summary>The list shown now (from the address).</summary>
    [Parameter, EditorRequired]
    public ListQuery Query { get; set; } = new("INBOX");

    /// <summary>The user's folders, for the advanced form's folder choice.</summary>
    [Parameter]
    public IReadOnlyList<FolderInfo> Folders { get; set; } = [];

    private string? Text { get; set; }

    private string Scope { get; set; } = "";

    protected override void OnParametersSet()
    {
        // The box follows the address (a search, back/forward, reload), not every render: typing is never overwritten.
        if (_shown != Query)
        {
            _shown = Query;
            Text = Query.Search;
            Scope = Query.AllFolders ? "all" : "";
        }
    }

    protected override Task OnAfterRenderAsync(bool firstRender) =>
        firstRender ? Browser.EnableSearchKeysAsync(_input) : Task.CompletedTask;

    private Task SubmitAsync()
    {
        // An empty box ends the search: back to the folder (an all-folder list stays only for a filter, "unread anywhere").
        var searching = !string.IsNullOrWhiteSpace(Text) || Query.Filter != ListFilter.None;
        var next = ListUrl.Normalize(Query with { Search = Text, AllFolders = Scope == "all" && searching });
        Navigation.NavigateTo(ListUrl.For(next));
        return Task.CompletedTask;
    }

    /// <summary>Switching the scope of a search shown now searches again; with an empty box it waits for Enter.</summary>
    private Task ScopeChangedAsync() => Query.Search is not null ? SubmitAsync() : Task.CompletedTask;

    /// <summary>The advanced form built its text: it goes into the box (where it can be read and edited) and is searched.</summary>
    private Task AdvancedSearchAsync(AdvancedSearchResult result)
    {
        Text = result.Text;
        Scope = result.AllFolders ? "all" : "";
        _advanced = false;
        return SubmitAsync();
    }
}
