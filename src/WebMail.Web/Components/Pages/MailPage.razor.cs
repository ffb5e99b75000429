using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;
using WebMail.Web.Localization;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>The three-pane mail view: folders, the message list of one folder, the open message.</summary>
public partial class MailPage
{
    private MessageList? _list;
    private MessageReader? _reader;
    private bool _errorIsConnection;
    private IReadOnlyList<MessageRow>? _prerenderedRows;

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Parameter]
    public string? FolderToken { get; set; }

    [Parameter]
    public string? MessageToken { get; set; }

    /// <summary>The search text (<c>?q=</c>); with sort, filter and scope it makes the list's <see cref="Query"/>.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? SearchText { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? SortToken { get; set; }

    [SupplyParameterFromQuery(Name = "filter")]
    public string? FilterToken { get; set; }

    [SupplyParameterFromQuery(Name = "scope")]
    public string? Scope { get; set; }

    /// <summary>What the list shows, as the address says (so back/forward and reload restore it).</summary>
    private ListQuery Query { get; set; } = new("INBOX");

    private IReadOnlyList<FolderInfo> Folders { get; set; } = [];

    private string? FolderPath { get; set; }

    private MessageRef? SelectedId { get; set; }

    private string? UserName { get; set; }

    private string? Error { get; set; }

    private FolderInfo? CurrentFolder => Folders.FirstOrDefault(f => f.Path == FolderPath);

    private string CurrentFolderName => CurrentFolder is { } folder ? LocalFolderNames.Of(folder, L) : FolderPath ?? "";

    private string ListTitle => Query switch
    {
        { Search: not null, AllFolders: true } => L["Search results in all folders"],
        { Search: not null } => L["Search results in {0}", CurrentFolderName],
        { AllFolders: true } => L["All folders"],
        _ => CurrentFolder is { } folder ? LocalFolderNames.Of(folder, L) : L["Mail"],
    };

    private string Title
    {
        get
        {
            var inbox = Folders.FirstOrDefault(f => f.Role == FolderRole.Inbox);
            var unread = inbox is { Unread: > 0 } ? $"({inbox.Unread}) " : "";
            var name = Query.Search is { } search ? L["Search: {0}", search] : CurrentFolder is { } folder ? LocalFolderNames.Of(folder, L) : L["Mail"];
            return $"{unread}{name} — WebMail";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        Mailbox.MailboxChanged += OnMailboxChanged;

        // The list renders (and starts reading its rows) at once; the folder list is read alongside.
        ReadRoute();
        await Task.Yield();
        await RunAsync(async () =>
        {
            UserName = await Mailbox.GetUserNameAsync();
            await LoadPreferencesAsync(UserName, organize: true);
            Folders = await Mailbox.GetFoldersAsync();
            await Mailbox.WatchAsync();
        });
    }

    /// <summary>
    /// Prerendering (the page's first HTML): the folder list and the first page of rows are put in it, so they are on
    /// screen before the circuit starts; the circuit then renders from the same per-user view, without asking IMAP
    /// again. A server slow to answer never holds the page: past a short budget it shows "Loading…" as before.
    /// </summary>
    protected override async Task OnParametersSetAsync()
    {
        if (RendererInfo.IsInteractive || FolderPath is null)
        {
            return;
        }

        using var budget = new CancellationTokenSource(PrerenderBudget);
        try
        {
            UserName = await Mailbox.GetUserNameAsync();
            await LoadPreferencesAsync(UserName, organize: false);
            Folders = await Mailbox.GetFoldersAsync(budget.Token);
            _prerenderedRows = ShowConversations
                ? null
                : Query.IsPlainFolder
                    ? (await Mailbox.GetMessagesAsync(FolderPath, 0, MessageList.FirstPageSize, budget.Token)).Rows
                    : (await Mailbox.GetListPageAsync(Query, 0, MessageList.FirstPageSize, budget.Token)).Rows;
        }
        catch (Exception ex) when (ex is MailException or OperationCanceledException)
        {
            // The interactive render will try again, and say what went wrong.
        }
    }

    private static readonly TimeSpan PrerenderBudget = TimeSpan.FromSeconds(1.5);

    protected override void OnParametersSet()
    {
        if (!_errorIsConnection)
        {
            Error = null;
        }

        ReadRoute();
        CloseOnNavigate();
    }

    /// <summary>Which folder and message the address names; an address that names nothing valid shows the inbox.</summary>
    private void ReadRoute()
    {
        if (string.IsNullOrEmpty(FolderToken))
        {
            FolderPath = "INBOX";
        }
        else if (WebMail.Mail.Model.FolderToken.TryDecode(FolderToken, out var path))
        {
            FolderPath = path;
        }
        else
        {
            FolderPath = "INBOX";
            Error = L["That folder address is not valid; showing the inbox."];
        }

        Query = ListUrl.Parse(FolderPath, SearchText, SortToken, FilterToken, Scope);
        KeepSelectionFor(Query);

        // A search of all folders opens its hits where they are; any other list opens its own folder's messages.
        SelectedId = MessageRef.TryParse(MessageToken, out var id) && (id.Folder == FolderPath || Query.AllFolders) ? id : null;
    }

    private void OnMessageGoneAsync() => Navigation.NavigateTo(ListUrl.For(Query));

    private void ShowError(string message)
    {
        Error = message;
        _errorIsConnection = false;
        StateHasChanged();
    }

    /// <summary>The mail server is back: an error that was only about reaching it no longer holds.</summary>
    private async Task OnRecovered()
    {
        if (_errorIsConnection)
        {
            Error = null;
            _errorIsConnection = false;
        }

        if (Folders.Count == 0)
        {
            await RunAsync(async () => Folders = await Mailbox.GetFoldersAsync());
        }

        // Rows that could not be read while the server was away are read now.
        await RefreshListAsync();
    }

    private async Task RunAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (MailSignedOutException)
        {
            Navigation.NavigateTo("account/login", forceLoad: true);
        }
        catch (MailException ex)
        {
            Error = MailSentences.Of(ex, L);
            _errorIsConnection = ex is MailUnavailableException;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _self = DotNetObjectReference.Create(this);
            await Browser.AttachListActionsAsync(_self);
        }

        await FocusAfterMoveIfAskedAsync();
        await MoveDrawerFocusAsync();
    }

    /// <summary>The user's mailbox view applied a change: this tab re-renders from it (no IMAP of its own).</summary>
    private void OnMailboxChanged(MailboxChange change) => _ = InvokeAsync(async () =>
    {
        try
        {
            Folders = Mailbox.Folders;

            // The open message first, before any await: changes are handled in the order they came, so an older
            // echo of a flag never lands after a newer one (our own "read" then "unread" of the same message).
            if (SelectedId is { } id && change.Folder == id.Folder)
            {
                if (change.ExpungedUids.Contains(id.Uid) && !_busy)
                {
                    // Gone by someone else's hand (our own actions choose where the reader goes next).
                    Navigation.NavigateTo(ListUrl.For(Query));
                }
                else if (change.FlagChanges.LastOrDefault(f => f.Id == id) is { } flags)
                {
                    _reader?.Apply(flags);
                }
            }

            // A search, filter or sort is told by its own news (ListProgressed), only when a change alters it.
            if (change.Folder == FolderPath && Query.IsPlainFolder)
            {
                await RefreshListAsync();
            }

            AnnounceNewMail(change);
            StateHasChanged();
            PushMetrics.RenderDispatched(change.ReportedAt);
            await NotifyAsync(change);
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    public void Dispose()
    {
        Mailbox.MailboxChanged -= OnMailboxChanged;
        StopWatchingOrganize();
        if (_self is not null)
        {
            _ = Browser.DetachListActionsAsync();
            _self.Dispose();
        }
    }
}
