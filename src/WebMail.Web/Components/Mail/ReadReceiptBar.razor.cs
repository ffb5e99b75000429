using Microsoft.AspNetCore.Components;
using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Mail.Receipts;
using WebMail.Web.Mail;
using WebMail.Web.Unsubscribe;

namespace WebMail.Web.Components.Mail;

/// <summary>Asks whether to send the read receipt the open message requests (RFC 8098), and does what the user says.</summary>
public sealed partial class ReadReceiptBar : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private MessageView? _read;
    private bool _asking, _busy, _decided;
    private string? _error, _done;

    [Inject]
    private ReadReceiptService Receipts { get; set; } = default!;

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    [Parameter, EditorRequired]
    public MessageView View { get; set; } = default!;

    protected override void OnInitialized() => Mailbox.MailboxChanged += OnMailboxChanged;

    /// <summary>Another tab (or mail program) answered or ignored the request: the question goes here too.</summary>
    private void OnMailboxChanged(MailboxChange change)
    {
        var id = _read?.Id;
        if (_asking && change.FlagChanges.Any(f => f.Id == id && f.Keywords?.Contains(ReadReceipts.SentKeyword, StringComparer.OrdinalIgnoreCase) == true))
        {
            _ = InvokeAsync(() =>
            {
                _asking = false;
                StateHasChanged();
            });
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_read?.Id == View.Id)
        {
            return;
        }

        (_read, _asking, _error, _done, _decided) = (View, false, null, null, false);
        try
        {
            _asking = await Receipts.ShouldAskAsync(View, _cts.Token);
            _decided = true;
        }
        catch (MailException)
        {
            _asking = false; // signed out or the session is gone: the reader says so itself
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            // The reader closed.
        }
    }

    private async Task SendAsync()
    {
        _busy = true;
        var (done, sentence) = await Receipts.SendAsync(View);
        (_busy, _asking, _error, _done) = (false, !done, done ? null : sentence, done ? sentence : null);
    }

    private async Task IgnoreAsync()
    {
        _busy = true;
        var (done, sentence) = await Receipts.IgnoreAsync(View);
        (_busy, _asking, _error) = (false, !done, sentence);
    }

    public void Dispose()
    {
        Mailbox.MailboxChanged -= OnMailboxChanged;
        _cts.Cancel();
        _cts.Dispose();
    }
}
