using WebMail.Mail;
using WebMail.Mail.Compose;
using WebMail.Web.Localization;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// Sending: addresses checked and the server copy confirmed first, a countdown with "Undo", then one of three
/// outcomes said plainly: sent (back to the inbox), sent but not filed in Sent (with the reason; nothing to
/// send again), or not sent (the server's reason; the draft is kept and a retry removes it once it leaves).
/// </summary>
public partial class ComposePage
{
    private CancellationTokenSource? _undo;
    private int? _countdown;
    private bool _sending;
    private SendResult? _sent;

    /// <summary>Checks the addresses and the text now, then counts down so the user can still take the message back.</summary>
    private async Task StartSendAsync()
    {
        _error = null;
        try
        {
            MessageBuilder.Validate(Draft.Empty(Session.From) with { To = Session.To, Cc = Session.Cc, Bcc = Session.Bcc });
        }
        catch (DraftValidationException ex)
        {
            RefuseSend(MailSentences.Of(ex, L));
            return;
        }

        if (!(await ConfirmAsync()).Ok)
        {
            RefuseSend($"{_problem} {L["Nothing was sent."]}");
            return;
        }

        _autosaver!.Paused = true;
        _undo?.Dispose();
        _undo = new CancellationTokenSource();
        try
        {
            for (_countdown = Options.Value.UndoSendSeconds; _countdown > 0; _countdown--)
            {
                StateHasChanged();
                await Task.Delay(TimeSpan.FromSeconds(1), Time, _undo.Token);
            }
        }
        catch (OperationCanceledException)
        {
            _countdown = null;
            _status = L["Sending cancelled; keep editing."];
            _autosaver.Paused = false;
            return;
        }

        _countdown = null;

        // What was typed during the countdown goes too, and only if the server has all of it.
        if (!(await ConfirmAsync()).Ok)
        {
            _error = $"{_problem} {L["Nothing was sent."]}";
            _autosaver.Paused = false;
            return;
        }

        _sending = true;
        StateHasChanged();
        await ShowOutcomeAsync(await SendAsync());
    }

    private async Task<SendResult> SendAsync()
    {
        await Session.SaveLock.WaitAsync();
        try
        {
            var (draft, changes) = Session.Snapshot(Drafts.Sanitize);
            var result = await Mailbox.SendAsync(draft);
            if (result.Delivered)
            {
                Session.Close();
            }
            else if (result.KeptAs is { } kept)
            {
                Session.MarkSaved(kept, changes, Time.GetLocalNow());
            }

            return result;
        }
        catch (MailException ex)
        {
            return SendResult.NotSent(ex.Failure, null);
        }
        finally
        {
            Session.SaveLock.Release();
        }
    }

    private async Task ShowOutcomeAsync(SendResult result)
    {
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                await Browser.ComposerSentAsync(Session.Id);
                Feedback.Show(L["Message sent"]);
                Navigation.NavigateTo(InboxHref);
                break;
            case SendOutcome.SentNotFiled:
                await Browser.ComposerSentAsync(Session.Id);
                _sent = result;
                _status = L["Sent."];
                break;
            default:
                // The server's own words often end without a full stop ("…not owned by user z").
                var reason = result.Failure is { } failure ? MailSentences.Of(failure, L).TrimEnd() : "";
                RefuseSend($"{reason}{(reason.Length == 0 || ".!?".Contains(reason[^1], StringComparison.Ordinal) ? "" : ".")} {L["Your message was not sent; it is kept in Drafts."]}".TrimStart());
                _sending = false;
                _autosaver!.Paused = false;
                break;
        }
    }

    private void UndoSend() => _undo?.Cancel();
}
