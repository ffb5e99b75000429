using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using WebMail.Mail.Lists;
using WebMail.Mail.Model;
using WebMail.Web.Unsubscribe;

namespace WebMail.Web.Components.Mail;

/// <summary>Unsubscribes from the open message's mailing list, after the user confirmed, by the best way it offers.</summary>
public sealed partial class UnsubscribeButton : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly string _key = Guid.NewGuid().ToString("N")[..8];
    private ListUnsubscribe? _list;
    private MessageView? _read;
    private ElementReference _confirm;
    private bool _asking, _busy, _focus;
    private string? _outcome;

    [Inject]
    private UnsubscribeService Unsubscribe { get; set; } = default!;

    [Parameter, EditorRequired]
    public MessageView View { get; set; } = default!;

    private string ListName => _list?.ListName ?? View.From?.Display ?? "this list";

    private string Explanation => _list!.Method switch
    {
        UnsubscribeMethod.OneClick => $"WebMail will ask the list's server ({_list.Web!.Host}) to remove you. Nothing else is sent.",
        UnsubscribeMethod.Mail => $"WebMail will send a message from you to {_list.Mailto!.Address} asking to be removed.",
        _ => $"The list's page on {_list.Web!.Host} opens in a new tab; finish unsubscribing there.",
    };

    protected override void OnParametersSet()
    {
        if (_read?.Id != View.Id)
        {
            (_read, _list, _outcome, _asking) = (View, ListUnsubscribeParser.Parse(View.Headers), null, false);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focus && _asking)
        {
            _focus = false;
            await _confirm.FocusAsync();
        }
    }

    private void Ask() => (_asking, _focus, _outcome) = (true, true, null);

    private void Cancel() => _asking = false;

    private void Opened() => (_asking, _outcome) = (false, "The list's page was opened in a new tab.");

    private void KeyDown(KeyboardEventArgs e)
    {
        if (e.Key == "Escape" && !_busy)
        {
            _asking = false;
        }
    }

    private async Task ConfirmAsync()
    {
        _busy = true;
        try
        {
            _outcome = (await Unsubscribe.UnsubscribeAsync(_list!, _cts.Token)).Sentence;
        }
        catch (WebMail.Mail.MailException ex)
        {
            _outcome = ex.Message;
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            return; // the reader closed
        }
        finally
        {
            (_busy, _asking) = (false, false);
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
    }
}
