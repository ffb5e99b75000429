using Microsoft.AspNetCore.Components;
using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>The three-pane mail view: folders, the message list of one folder, the open message.</summary>
public partial class MailPage
{
    private MessageList? _list;
    private MessageReader? _reader;
    private bool _reconnecting;

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    private bool NotificationsOn { get; set; }

    [Parameter]
    public string? FolderToken { get; set; }

    [Parameter]
    public string? MessageToken { get; set; }

    private IReadOnlyList<FolderInfo> Folders { get; set; } = [];

    private string? FolderPath { get; set; }

    private MessageRef? SelectedId { get; set; }

    private string? UserName { get; set; }

    private string? Error { get; set; }

    private FolderInfo? CurrentFolder => Folders.FirstOrDefault(f => f.Path == FolderPath);

    private string StatusText => Error ?? (_reconnecting ? "Reconnecting to the mail server…" : "");

    private string Title
    {
        get
        {
            var inbox = Folders.FirstOrDefault(f => f.Role == FolderRole.Inbox);
            var unread = inbox is { Unread: > 0 } ? $"({inbox.Unread}) " : "";
            return $"{unread}{CurrentFolder?.Name ?? "Mail"} — WebMail";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        Mailbox.ConnectionChanged += OnConnectionChanged;
        Mailbox.MailboxChanged += OnMailboxChanged;
        await RunAsync(async () =>
        {
            UserName = await Mailbox.GetUserNameAsync();
            Folders = await Mailbox.GetFoldersAsync();
        });
    }

    protected override void OnParametersSet()
    {
        Error = null;
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
            Error = "That folder address is not valid; showing the inbox.";
        }

        SelectedId = MessageRef.TryParse(MessageToken, out var id) && id.Folder == FolderPath ? id : null;
    }

    private async Task OnMessageChangedAsync()
    {
        await RefreshAsync();
    }

    private async Task OnMessageGoneAsync()
    {
        Navigation.NavigateTo($"mail/{WebMail.Mail.Model.FolderToken.Encode(FolderPath ?? "INBOX")}");
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        await RunAsync(async () => Folders = await Mailbox.GetFoldersAsync());
        if (_list is not null)
        {
            await _list.RefreshAsync();
        }
    }

    private void ShowError(string message)
    {
        Error = message;
        StateHasChanged();
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
            Error = ex.Message;
        }
    }

    private void OnConnectionChanged(bool connected) => _ = InvokeAsync(() =>
    {
        _reconnecting = !connected;
        StateHasChanged();
    });

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            NotificationsOn = await Browser.NotificationsEnabledAsync();
            StateHasChanged();
        }
    }

    private async Task ToggleNotificationsAsync() => NotificationsOn = await Browser.SetNotificationsAsync(!NotificationsOn);

    /// <summary>The server reported a change: every open tab of the user updates its list, counts and title.</summary>
    private void OnMailboxChanged(MailboxChange change) => _ = InvokeAsync(async () =>
    {
        try
        {
            if (change.Folder == FolderPath && !change.CountsOnly && _list is not null)
            {
                await _list.RefreshAsync();
            }

            if (SelectedId is { } id && change.Folder == id.Folder)
            {
                if (change.ExpungedUids.Contains(id.Uid))
                {
                    Navigation.NavigateTo($"mail/{WebMail.Mail.Model.FolderToken.Encode(id.Folder)}");
                }
                else if (change.FlagChanges.FirstOrDefault(f => f.Id == id) is { } flags)
                {
                    _reader?.Apply(flags);
                }
            }

            StateHasChanged();
            PushMetrics.RenderDispatched(change.ReportedAt);
            Folders = await Mailbox.GetFoldersAsync();
            StateHasChanged();
            if (change.Folder == "INBOX" && change.NewMessages is [var newest, ..])
            {
                await Browser.NotifyAsync($"webmail-{newest.Id.ToToken()}", newest.From?.Display ?? "New mail", newest.Subject);
            }
        }
        catch (MailException ex)
        {
            Error = ex.Message;
            StateHasChanged();
        }
    });

    public void Dispose()
    {
        Mailbox.ConnectionChanged -= OnConnectionChanged;
        Mailbox.MailboxChanged -= OnMailboxChanged;
    }
}
