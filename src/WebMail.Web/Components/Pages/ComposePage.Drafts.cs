using WebMail.Mail;
using WebMail.Web.Localization;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// Drafts: saved a moment after the user pauses (a supervised <see cref="DraftAutosaver"/>), on "Save
/// draft", and when the page goes away; never before the server copy was confirmed against the browser.
/// A closed tab's copy is handed to the <see cref="ComposeRegistry"/>, which saves what is left, takes a
/// late beacon, and removes the attachment folder whatever happens.
/// </summary>
public partial class ComposePage
{
    private DraftAutosaver? _autosaver;
    private string? _problem;

    private void StartAutosave() =>
        _autosaver = new DraftAutosaver(
            ct => InvokeAsync(() => AutosaveAsync(ct)), TimeSpan.FromMilliseconds(Options.Value.AutosaveDelayMilliseconds), Time, Logger);

    /// <summary>Any change: save to Drafts once the user pauses.</summary>
    private void Changed() => _autosaver?.Changed();

    /// <summary>A field changed (From, recipients, subject).</summary>
    private void Touched()
    {
        Session.Touch();
        Changed();
    }

    private Task AutosaveAsync(CancellationToken cancellationToken) =>
        _session is { IsDirty: true, Closed: false } && !_sending && !cancellationToken.IsCancellationRequested ? SaveAsync() : Task.CompletedTask;

    private Task SaveNowAsync() => SaveAsync();

    private async Task SaveAsync()
    {
        if (_session is null || _sending)
        {
            return;
        }

        var (ok, version) = await ConfirmAsync();
        if (!ok)
        {
            // Nothing is saved that differs from what the user sees; the browser keeps its copy and retries.
            _status = _problem;
            Changed();
            StateHasChanged();
            return;
        }

        try
        {
            var first = _session.SavedAs is null;
            if (await Drafts.SaveAsync(_session))
            {
                _status = L["Draft saved at {0}.", UserTime.TimeOfDay(Time.GetUtcNow())];
                await Browser.ComposerSavedAsync(_session.Id, version);
                if (first)
                {
                    ShowIdInAddress();
                }
            }
        }
        catch (MailException ex)
        {
            _status = L["The draft could not be saved yet: {0}", MailSentences.Of(ex, L)];
        }

        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        _undo?.Cancel();
        if (_autosaver is not null)
        {
            await _autosaver.DisposeAsync();
        }

        if (_session is not null)
        {
            if (!_session.Closed)
            {
                // Left inside the app (the circuit is still there): bring the last keystrokes over first.
                await Browser.FlushComposerAsync(_session.Id, full: false);
            }

            await Browser.DisposeComposerAsync(_session.Id);
            await Registry.ReleaseAsync(_session, save: !_session.Closed);
        }

        _undo?.Dispose();
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
