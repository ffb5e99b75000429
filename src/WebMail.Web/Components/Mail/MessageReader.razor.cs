using Microsoft.AspNetCore.Components;
using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;
using WebMail.Web.Data;
using WebMail.Web.Localization;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Mail;

/// <summary>Shows one message: headers, actions, attachments, and the body (HTML in a sandboxed frame).</summary>
public partial class MessageReader : IDisposable
{
    private readonly CancellationTokenSource _cts = new();

    /// <summary>Makes element ids unique when several readers are on one page (a conversation).</summary>
    private readonly string _key = Guid.NewGuid().ToString("N")[..8];
    private MessageView? _view;
    private OrganizeSettings? _settings;
    private PreparedFrame? _frame;
    private string? _frameToken;
    private string _textHtml = "";
    private string? _error;
    private string _moveTarget = "";
    private bool _markReadScheduled;
    private bool _seenChosenByUser;

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    [Inject]
    private MessageFrameStore Frames { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private OrganizeSettingsStore Settings { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Parameter, EditorRequired]
    public MessageRef Id { get; set; }

    [Parameter]
    public IReadOnlyList<FolderInfo> Folders { get; set; } = [];

    private bool IsDraft => Folders.FirstOrDefault(f => f.Path == Id.Folder)?.Role == FolderRole.Drafts;

    /// <summary>Whether the open message is flagged, as last read (null before it is open).</summary>
    public bool? Flagged => _view?.Flagged;

    private bool InJunk => Folders.FirstOrDefault(f => f.Path == Id.Folder)?.Role == FolderRole.Junk;

    /// <summary>The message left this folder (deleted or moved).</summary>
    [Parameter]
    public EventCallback OnGone { get; set; }

    [Parameter]
    public Action<string>? OnError { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Mailbox.ConnectionChanged += OnConnectionChanged;
        StartFollowingTheme();
        Settings.Changed += OnSettingsChanged;

        await OpenAsync();

        // The user's settings only decide when the message is marked read: read once it is on screen.
        await LoadSettingsAsync();
    }

    private async Task OpenAsync()
    {
        _error = null;
        try
        {
            // The sender's trust is looked up before the message is shown, so the first render already has both.
            var view = await Mailbox.GetMessageAsync(Id, _cts.Token);
            var trusted = await IsSenderTrustedAsync(view);
            _view = view;

            // Only a message that opened unread is marked read by opening it.
            _markReadScheduled |= view.Seen;
            await RenderAsync(allowRemote: trusted);
        }
        catch (MailException ex)
        {
            _error = MailSentences.Of(ex, L);
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            // The reader was closed while the message was on its way.
        }
    }

    /// <summary>Marks the message read only once its body is on screen, as the reader's setting says (at once, after N seconds, never).</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await FocusMoreAsync();
        if (_view is not { Seen: false } || _markReadScheduled || _settings is not { } settings || MarkAsReadAfter(settings) is not { } after)
        {
            return;
        }

        _markReadScheduled = true;
        try
        {
            if (after > TimeSpan.Zero)
            {
                await Task.Delay(after, Time, _cts.Token);
            }

            if (_view is { Seen: false } view && !_seenChosenByUser)
            {
                await Mailbox.SetSeenAsync(Id, true);
                _view = view with { Seen = true };
                StateHasChanged();
            }
        }
        catch (OperationCanceledException)
        {
            // The reader moved on before the delay was over: the message stays unread.
        }
        catch (MailException ex)
        {
            _error = MailSentences.Of(ex, L);
            StateHasChanged();
        }
    }

    /// <summary>
    /// Shows the body: plain text at once; HTML in its frame, put in place before the message is cleaned, so the
    /// browser's request for the frame overlaps the cleaning (the frame's request waits for it on the server).
    /// </summary>
    private async Task RenderAsync(bool allowRemote)
    {
        if (_view!.Body.LargeHtml is not null)
        {
            // Too large to show as HTML: the notice offers its text only if asked for.
            return;
        }

        if (_view.Body.Html is not null)
        {
            var pending = Frames.Begin(Mailbox.UserName ?? "", _view, allowRemote, new Uri(Navigation.BaseUri).AbsolutePath, Mailbox.SignInId ?? "");
            (_frameToken, _frame) = (pending.Token, null);
            StateHasChanged();
            _frame = await pending.Ready;
        }
        else
        {
            _textHtml = PlainTextFormatter.ToHtml(_view.Body.Text ?? "");
        }
    }

    private Task ShowRemoteAsync() => RenderAsync(allowRemote: true);

    /// <summary>The user's own "read"/"unread" wins over marking read on open, now and later.</summary>
    private Task ToggleSeenAsync() => ActAsync(async v =>
    {
        _seenChosenByUser = _markReadScheduled = true;
        await Mailbox.SetSeenAsync(Id, !v.Seen);
        _view = v with { Seen = !v.Seen };
    });

    private Task ToggleFlagAsync() => ActAsync(async v =>
    {
        await Mailbox.SetFlaggedAsync(Id, !v.Flagged);
        _view = v with { Flagged = !v.Flagged };
    });

    /// <summary>
    /// Where the page acts for the reader (with undo, and the next message shown after a move); without it the
    /// reader acts itself and goes back to the list.
    /// </summary>
    [Parameter]
    public Func<BulkCommand, Task>? OnAct { get; set; }

    private Task DeleteAsync() => LeaveAsync(new BulkCommand(BulkKind.Delete), () => Mailbox.DeleteAsync(Id));

    private Task ArchiveAsync() => LeaveAsync(new BulkCommand(BulkKind.Archive), null);

    private Task SpamAsync(bool spam) => LeaveAsync(new BulkCommand(spam ? BulkKind.Spam : BulkKind.NotSpam), null);

    private Task MoveAsync() => _moveTarget.Length == 0
        ? Task.CompletedTask
        : LeaveAsync(new BulkCommand(BulkKind.Move, _moveTarget), () => Mailbox.MoveAsync(Id, _moveTarget));

    private Task LeaveAsync(BulkCommand command, Func<Task>? alone) => ActAsync(async _ =>
    {
        if (OnAct is { } act)
        {
            await act(command);
        }
        else if (alone is not null)
        {
            await alone();
            await OnGone.InvokeAsync();
        }
    });

    private async Task ActAsync(Func<MessageView, Task> action)
    {
        if (_view is null)
        {
            return;
        }

        _error = null;
        try
        {
            await action(_view);
        }
        catch (MailException ex)
        {
            _error = MailSentences.Of(ex, L);
            OnError?.Invoke(_error);
        }
    }

    /// <summary>The mail server is back: a message that could not be opened is opened now, without the user asking.</summary>
    private void OnConnectionChanged(WebMail.Mail.Sessions.ConnectionStatus status)
    {
        if (status.State == WebMail.Mail.Sessions.ConnectionState.Connected && _view is null && _error is not null)
        {
            _ = InvokeAsync(async () =>
            {
                try
                {
                    await OpenAsync();
                    StateHasChanged();
                }
                catch (Exception ex)
                {
                    await DispatchExceptionAsync(ex);
                }
            });
        }
    }

    /// <summary>Flags changed by another client or tab while the message is open.</summary>
    public void Apply(FlagChange flags)
    {
        if (_view is not null && flags.Id == Id)
        {
            _view = _view with { Seen = flags.Seen, Flagged = flags.Flagged };
            StateHasChanged();
        }
    }

    private static string Format(MailAddress? address) => address?.ToString() ?? "(unknown)";

    private static string FormatList(IReadOnlyList<MailAddress> list) => list.Count == 0 ? "(none)" : string.Join(", ", list);

    public void Dispose()
    {
        Mailbox.ConnectionChanged -= OnConnectionChanged;
        StopFollowingTheme();
        Settings.Changed -= OnSettingsChanged;
        _cts.Cancel();
        _cts.Dispose();
    }
}
