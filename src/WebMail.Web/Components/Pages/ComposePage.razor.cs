using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using WebMail.Mail;
using WebMail.Mail.Compose;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;
using WebMail.Web.Components.Mail;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// Writing a message: new, reply, reply all, forward, or a saved draft continued. The draft is saved to the
/// Drafts folder a few seconds after the last change (and when the tab goes away); attachments go to a
/// temporary folder of this tab, never into the circuit's memory; sending waits a few seconds for "Undo".
/// </summary>
public partial class ComposePage
{
    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly string _temp = Path.Combine(Path.GetTempPath(), "webmail-compose", Guid.NewGuid().ToString("N"));
    private readonly List<DraftAttachment> _attachments = [];
    private Draft? _draft;
    private string _from = "", _to = "", _cc = "", _bcc = "", _subject = "", _body = "";
    private IReadOnlyList<WebMail.Web.Data.IdentityRecord> _identities = [];
    private string? _error, _status;
    private int? _upload, _countdown;
    private bool _dirty, _sending;
    private CancellationTokenSource? _autosave, _undo;
    private bool _rich, _initEditor;
    private string? _html;
    private string _link = "";
    private ElementReference _editor;
    private DotNetObjectReference<ComposePage>? _self;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private WebMail.Mail.Html.MailHtmlSanitizer Sanitizer { get; set; } = default!;

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<ComposeOptions> Options { get; set; } = default!;

    [Inject]
    private WebMail.Web.Data.IdentityStore Identities { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "reply")]
    private string? ReplyToken { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    private string? KindName { get; set; }

    [SupplyParameterFromQuery(Name = "draft")]
    private string? DraftToken { get; set; }

    private long MaxAttachmentBytes => Options.Value.MaxAttachmentBytes;

    private string Heading => _draft?.Reply?.Kind switch
    {
        ReplyKind.Reply or ReplyKind.ReplyAll => "Reply",
        ReplyKind.Forward or ReplyKind.ForwardAsAttachment => "Forward",
        _ => "New message",
    };

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _draft = MessageRef.TryParse(DraftToken, out var saved) ? await Mailbox.OpenDraftAsync(saved, _temp)
                : MessageRef.TryParse(ReplyToken, out var original) ? await Mailbox.CreateReplyAsync(original, Enum.TryParse<ReplyKind>(KindName, out var kind) ? kind : ReplyKind.Reply, _temp)
                : await Mailbox.NewDraftAsync();
            _identities = await Identities.ListAsync(await Mailbox.GetUserNameAsync());
            var identity = _identities[0];
            if (_draft.SavedAs is null)
            {
                // A new message or reply starts from the default identity, with its signature above any quote.
                var signature = string.IsNullOrWhiteSpace(identity.Signature) ? "" : $"\r\n\r\n-- \r\n{identity.Signature}";
                _draft = _draft with { From = IdentitiesPage.Display(identity), TextBody = signature + _draft.TextBody };
            }

            (_from, _to, _cc, _bcc, _subject, _body) = (_draft.From, _draft.To, _draft.Cc, _draft.Bcc, _draft.Subject, _draft.TextBody);
            (_rich, _html, _initEditor) = (_draft.HtmlBody is not null, _draft.HtmlBody, _draft.HtmlBody is not null);
            if (_draft.SavedAs is null && _draft.HtmlBody is null && (await Identities.PreferencesAsync(await Mailbox.GetUserNameAsync())).ComposeRichText)
            {
                // The user's default: start in the rich-text editor.
                ToggleRichAsync();
                _dirty = false;
                _autosave?.Cancel();
            }
            if (!_identities.Any(i => IdentitiesPage.Display(i) == _from))
            {
                _identities = [.. _identities, new WebMail.Web.Data.IdentityRecord { Address = _from }];
            }
            _attachments.AddRange(_draft.Attachments);
        }
        catch (MailException ex)
        {
            _error = ex.Message;
        }
    }

    private Draft Current => _draft! with { HtmlBody = _rich ? OutgoingHtml(_html) : null, From = _from, To = _to, Cc = _cc, Bcc = _bcc, Subject = _subject, TextBody = _body, Attachments = [.. _attachments] };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_rich && _initEditor)
        {
            _initEditor = false;
            await Browser.InitEditorAsync(_editor, _self ??= DotNetObjectReference.Create(this), _html ?? "");
        }
    }

    /// <summary>The editor's content changed (sent by the JS module, debounced).</summary>
    [JSInvokable]
    public void EditorChanged(string html, string text)
    {
        _html = html;
        _body = text;
        Changed();
    }

    private void ToggleRichAsync()
    {
        _rich = !_rich;
        if (_rich)
        {
            // Plain text becomes the editor's first content, escaped and with its line breaks.
            _html = $"<div style=\"white-space:pre-wrap\">{PlainTextFormatter.ToHtml(_body)}</div>";
            _initEditor = true;
        }
        else
        {
            _html = null;
        }

        Changed();
    }

    private Task FormatAsync(string command) => Browser.FormatAsync(_editor, command);

    private async Task AddLinkAsync()
    {
        if (Uri.TryCreate(_link.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto")
        {
            await Browser.FormatAsync(_editor, "createLink", uri.AbsoluteUri);
            _link = "";
        }
        else
        {
            _error = "A link must start with http://, https:// or mailto:.";
        }
    }

    /// <summary>What the user wrote (or pasted) is sanitized like any mail HTML before it leaves.</summary>
    private string? OutgoingHtml(string? html) =>
        string.IsNullOrWhiteSpace(html) ? null : Sanitizer.Sanitize(html, new WebMail.Mail.Html.SanitizeOptions(true, _ => null)).Html;

    /// <summary>Any edit: save to Drafts once the user pauses (well within 5 s of the last change).</summary>
    private void Changed()
    {
        _dirty = true;
        _autosave?.Cancel();
        _autosave = new CancellationTokenSource();
        var token = _autosave.Token;
        _ = Task.Delay(TimeSpan.FromMilliseconds(Options.Value.AutosaveDelayMilliseconds), token)
            .ContinueWith(t => t.IsCompletedSuccessfully ? InvokeAsync(() => SaveAsync(quiet: false)) : Task.CompletedTask, TaskScheduler.Default);
    }

    private Task SaveNowAsync() => SaveAsync(quiet: false);

    private async Task SaveAsync(bool quiet)
    {
        if (_draft is null || _sending)
        {
            return;
        }

        await _saving.WaitAsync();
        try
        {
            _dirty = false;
            _draft = Current with { SavedAs = await Mailbox.SaveDraftAsync(Current) };
            if (!quiet)
            {
                _status = $"Draft saved at {DateTime.Now:HH:mm:ss}.";
                StateHasChanged();
            }
        }
        catch (MailException ex) when (!quiet)
        {
            _dirty = true;
            _status = $"The draft could not be saved yet: {ex.Message}";
            StateHasChanged();
        }
        finally
        {
            _saving.Release();
        }
    }

    private async Task AttachAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        foreach (var file in e.GetMultipleFiles(20))
        {
            var name = FileNames.Safe(file.Name, "attachment");
            if (file.Size > MaxAttachmentBytes)
            {
                _error = $"{name} is {Sizes.Format(file.Size)}, larger than the {Sizes.Format(MaxAttachmentBytes)} limit; it was not attached.";
                continue;
            }

            if (file.Size == 0)
            {
                _error = $"{name} is empty; it was not attached.";
                continue;
            }

            Directory.CreateDirectory(_temp);
            var path = Path.Combine(_temp, Guid.NewGuid().ToString("N"));
            await using (var target = File.Create(path))
            await using (var source = file.OpenReadStream(MaxAttachmentBytes))
            {
                var buffer = new byte[81920];
                long copied = 0;
                int read;
                while ((read = await source.ReadAsync(buffer)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read));
                    copied += read;
                    _upload = (int)(copied * 100 / file.Size);
                    StateHasChanged();
                }
            }

            _attachments.Add(new DraftAttachment(name, string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType, path, file.Size));
            _upload = null;
            Changed();
        }
    }

    private void Remove(DraftAttachment attachment)
    {
        _attachments.Remove(attachment);
        File.Delete(attachment.TempPath);
        Changed();
    }

    /// <summary>Checks the addresses now, then counts down so the user can still take the message back.</summary>
    private async Task StartSendAsync()
    {
        _error = null;
        try
        {
            MessageBuilder.ForSending(Current, DateTimeOffset.Now);
        }
        catch (DraftValidationException ex)
        {
            _error = ex.Message;
            return;
        }

        _autosave?.Cancel();
        _undo = new CancellationTokenSource();
        try
        {
            for (_countdown = Options.Value.UndoSendSeconds; _countdown > 0; _countdown--)
            {
                StateHasChanged();
                await Task.Delay(1000, _undo.Token);
            }
        }
        catch (OperationCanceledException)
        {
            _countdown = null;
            _status = "Sending cancelled; keep editing.";
            return;
        }

        _countdown = null;
        _sending = true;
        StateHasChanged();
        try
        {
            await Mailbox.SendAsync(Current);
            _dirty = false;
            Navigation.NavigateTo($"mail/{FolderToken.Encode("INBOX")}");
        }
        catch (MailException ex)
        {
            _error = $"{ex.Message} Your message was kept in Drafts.";
            _sending = false;
        }
    }

    private void UndoSend() => _undo?.Cancel();

    public async ValueTask DisposeAsync()
    {
        _autosave?.Cancel();
        _undo?.Cancel();
        if (_dirty && _draft is not null && !_sending)
        {
            // The tab went away mid-typing: keep what was written.
            await SaveAsync(quiet: true);
        }

        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }

        _saving.Dispose();
        _self?.Dispose();
    }
}
