using Microsoft.AspNetCore.Components;
using WebMail.Mail;
using WebMail.Mail.Model;
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

    [Parameter, EditorRequired]
    public MessageView View { get; set; } = default!;

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
        _cts.Cancel();
        _cts.Dispose();
    }
}
