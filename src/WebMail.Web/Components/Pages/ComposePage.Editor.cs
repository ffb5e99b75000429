using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// The editor: the browser owns the body (wwwroot/js/compose.js), sends it here as bounded edits
/// (<see cref="Edit"/>), and is asked to flush before every save or send; <see cref="ConfirmAsync"/> then
/// checks that the server copy is exactly what the browser shows. A render never touches the editor's
/// content: it is set once, when the editor starts (and again after switching plain/rich).
/// </summary>
public partial class ComposePage
{
    private const string NotOnServer = "Some of your text has not reached the server yet. It is safe in this browser; WebMail keeps trying.";

    private ElementReference _editor;
    private DotNetObjectReference<ComposePage>? _self;
    private bool _initEditor, _restoreLocalCopy, _addressShowsId;
    private string _link = "";

    [Inject]
    private AntiforgeryStateProvider Antiforgery { get; set; } = default!;

    /// <summary>One edit from the browser's editor; the answer tells it to go on, send everything again, or stop (too long).</summary>
    [JSInvokable]
    public int Edit(long baseRevision, long revision, long version, int document, int start, int removed, string? text)
    {
        if (_session is null)
        {
            return (int)ComposeEdit.OutOfSync;
        }

        var result = _session.Edit(baseRevision, revision, version, document, start, removed, text);
        if (result == ComposeEdit.Applied)
        {
            Changed();
        }

        return (int)result;
    }

    /// <summary>Starts the editor with the server copy: once at first, and again after switching plain/rich.</summary>
    private async Task StartEditorAsync()
    {
        if (!_initEditor || _session is null)
        {
            return;
        }

        _initEditor = false;
        var token = Antiforgery.GetAntiforgeryToken();
        var restored = await Browser.InitComposerAsync(_editor, _self ??= DotNetObjectReference.Create(this), new ComposerInit(
            _session.Id.ToString("D"), _session.Instance, _session.Rich, _session.Text, _session.Html, _session.Revision, _restoreLocalCopy,
            _session.SavedAt?.ToUnixTimeMilliseconds(), Options.Value.EditorSyncDelayMilliseconds,
            Navigation.ToAbsoluteUri(ComposeEndpoints.BeaconPath.TrimStart('/')).AbsoluteUri, token?.FormFieldName ?? "", token?.Value ?? "", _caret));
        (_restoreLocalCopy, _caret) = (false, null);
        if (restored is not null)
        {
            // The browser kept more than the server had (the app stopped or the tab closed mid-typing).
            (_session.From, _session.To, _session.Cc, _session.Bcc, _session.Subject) =
                (restored.From ?? _session.From, restored.To ?? _session.To, restored.Cc ?? _session.Cc, restored.Bcc ?? _session.Bcc, restored.Subject ?? _session.Subject);
            var when = DateTimeOffset.FromUnixTimeMilliseconds(restored.At).ToLocalTime();
            _notice = $"{_notice} Restored text typed in this browser at {when:HH:mm} that had not been saved yet.".Trim();
            Changed();
            StateHasChanged();
        }
    }

    /// <summary>
    /// Flushes the editor and checks the server copy against it (revision, length, SHA-256); on a mismatch the
    /// browser sends everything once more. Returns false, with the reason in <see cref="_problem"/>, when the copy still differs.
    /// </summary>
    private async Task<(bool Ok, long Version)> ConfirmAsync()
    {
        var flush = await Browser.FlushComposerAsync(Session.Id, full: false);
        if (!Session.Matches(flush) && flush?.Problem != "too-large")
        {
            flush = await Browser.FlushComposerAsync(Session.Id, full: true);
        }

        if (Session.Matches(flush))
        {
            return (true, flush!.Version);
        }

        _problem = flush?.Problem == "too-large"
            ? $"The message is longer than {Options.Value.MaxBodyCharacters:N0} characters; shorten it before saving or sending."
            : NotOnServer;
        return (false, 0);
    }

    private async Task ToggleRichAsync()
    {
        if (!(await ConfirmAsync()).Ok)
        {
            _error = _problem;
            return;
        }

        var text = Session.Text;
        Session.SetBody(text, Session.Rich ? "" : AsHtml(text), !Session.Rich);
        _initEditor = true;
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
}
