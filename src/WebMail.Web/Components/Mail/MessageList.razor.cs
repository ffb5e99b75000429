using Microsoft.AspNetCore.Components;
using WebMail.Mail.Model;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// The list's query: which rows it reads (a folder, or a search, filter or order over one folder or all), what it
/// says about them (searching, how many, a folder that could not be searched, words that could not be understood),
/// and when it reads again (the search found more, a new query).
/// </summary>
public partial class MessageList
{
    private CancellationTokenSource _reads = new();
    private ListQuery? _shown;
    private ListRowContext? _rowContext;
    private bool _complete = true;
    private int _total;
    private string? _notice;
    private string? _syntaxError;
    private bool _subscribed;
    private bool _refreshing;
    private bool _refreshAgain;
    private bool _disposed;

    private string ListLabel => string.IsNullOrWhiteSpace(Query.Search) ? L["Messages in {0}", Query.Folder] : L["Search results"];

    private string StatusText => (_arrived && _complete, Query.Search) switch
    {
        // Not "Searching…" while nothing can be searched: the search waits for the server and goes on once it answers.
        (false, _) when Mailbox.Status.IsProblem => L["Waiting for the mail server to answer; the results come once it does."],
        (false, var search) when !string.IsNullOrWhiteSpace(search) || Query.AllFolders => L["Searching…"],
        (false, _) => L["Loading messages…"],
        (true, var search) when !string.IsNullOrWhiteSpace(search) => _total == 1 ? L["1 result"] : L["{0} results", _total],
        _ => _total == 1 ? L["1 message"] : L["{0} messages", _total],
    };

    private string EmptyText => (_failed, _syntaxError, Query) switch
    {
        (true, not null, _) => L["No search was run."],
        (true, _, _) => L["The messages of this folder could not be loaded."],
        (_, _, { Search: { Length: > 0 } }) => L["No messages match your search."],
        (_, _, { Filter: not ListFilter.None }) => L["No messages match the filters."],
        _ => L["This folder is empty."],
    };

    protected override async Task OnParametersSetAsync()
    {
        if (!_subscribed)
        {
            _subscribed = true;
            Mailbox.ListProgressed += OnListProgressed;
            Mailbox.ConnectionChanged += OnConnectionChanged;
        }

        // Rows name their folder from the folder list, which may arrive after the first rows.
        WatchSelection();
        if (_rowContext is null || _rowContext.Query != Query || _rowContext.Folders != Mailbox.Folders || _rowContext.Selection != Selection
            || _rowContext.Labels != (Labels ?? WebMail.Web.Data.LabelSet.Empty))
        {
            _rowContext = new ListRowContext(Query, Mailbox.Folders, Selection, PickAsync, Labels);
        }

        if (_shown == Query)
        {
            return;
        }

        var first = _shown is null;
        _shown = Query;
        var previous = first ? null : _reads;
        if (!first)
        {
            _reads = new CancellationTokenSource();
            (_arrived, _failed, _complete, _total, _notice, _syntaxError) = (false, false, true, 0, null, null);
        }

        // Start the IMAP work now, before anything yields: not after Virtualize has measured the viewport (a browser
        // round trip), nor after this render went out (the search started ~30 ms after the click otherwise).
        _firstPage = Mailbox.GetListPageAsync(Query, 0, FirstPageSize, _reads.Token);
        if (previous is not null)
        {
            // A new query replaces the old one: its reads are cancelled and the list starts again from its skeleton.
            previous.Cancel();
            previous.Dispose();
            await RefreshAsync();
        }
    }

    // The loading rows leave in the same render batch as the first rows come in (both renders are queued here).
    private void Arrived(ListPage page)
    {
        var changed = !_arrived || _failed || _complete != page.Complete || _total != page.Total || _notice != page.Notice || _syntaxError is not null;
        (_arrived, _failed, _complete, _total, _notice, _syntaxError) = (true, false, page.Complete, page.Total, page.Notice, null);
        if (changed)
        {
            StateHasChanged();
        }
    }

    private void Failed(string? syntaxError)
    {
        (_arrived, _failed, _complete, _total, _notice, _syntaxError) = (true, true, true, 0, null, syntaxError);
        StateHasChanged();
    }

    /// <summary>A search still running found more (or finished): the rows in view are read again.</summary>
    private void OnListProgressed(ListQuery query)
    {
        if (query != Query)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            // One re-read at a time: news that comes meanwhile (an all-folder search answers folder after folder) is
            // read once, after it, instead of each folder's news cancelling the last read and fetching rows again
            // between the search's own commands.
            if (_refreshing)
            {
                _refreshAgain = true;
                return;
            }

            _refreshing = true;
            try
            {
                do
                {
                    _refreshAgain = false;

                    // The first page read early is older than this news: the list reads afresh.
                    _firstPage = null;
                    await RefreshAsync();
                }
                while (_refreshAgain && !_disposed);
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
            finally
            {
                _refreshing = false;
            }
        });
    }

    /// <summary>While rows are awaited, the status line says whether the server is answering at all.</summary>
    private void OnConnectionChanged(WebMail.Mail.Sessions.ConnectionStatus status)
    {
        if (!_arrived)
        {
            _ = InvokeAsync(StateHasChanged);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        if (_watchedSelection is not null)
        {
            _watchedSelection.Changed -= OnSelectionChanged;
        }

        Mailbox.ListProgressed -= OnListProgressed;
        Mailbox.ConnectionChanged -= OnConnectionChanged;
        _reads.Cancel();
        _reads.Dispose();
    }
}
