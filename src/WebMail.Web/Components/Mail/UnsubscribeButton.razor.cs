using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using WebMail.Mail.Lists;
using WebMail.Mail.Model;
using WebMail.Web.Localization;
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

    private string ListName => _list?.ListName ?? View.From?.Display ?? L["this list"];

    private string Explanation => _list!.Method switch
    {
        UnsubscribeMethod.OneClick => L["WebMail will ask the list's server ({0}) to remove you. Nothing else is sent.", _list.Web!.Host],
        UnsubscribeMethod.Mail => L["WebMail will send a message from you to {0} asking to be removed.", _list.Mailto!.Address],
        _ => L["The list's page on {0} opens in a new tab; finish unsubscribing there.", _list.Web!.Host],
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

    private void Opened() => (_asking, _outcome) = (false, L["The list's page was opened in a new tab."]);

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
            _outcome = MailSentences.Of(ex, L);
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
