using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using WebMail.Mail.Model;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Mail;

public partial class RecipientInput
{
    private IReadOnlyList<MailAddress> _suggestions = [];
    private int _active = -1;
    private bool _suppressKey;

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Id { get; set; } = "";

    [Parameter]
    public string Value { get; set; } = "";

    [Parameter]
    public EventCallback<string> ValueChanged { get; set; }

    private async Task OnInputAsync(ChangeEventArgs e)
    {
        var value = e.Value?.ToString() ?? "";
        await ValueChanged.InvokeAsync(value);
        var typing = LastPart(value).Trim();
        _suggestions = typing.Length == 0 ? [] : await Mailbox.SuggestAsync(typing);
        _active = -1;
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        _suppressKey = false;
        if (_suggestions.Count == 0)
        {
            return;
        }

        switch (e.Key)
        {
            case "ArrowDown":
                _active = (_active + 1) % _suggestions.Count;
                _suppressKey = true;
                break;
            case "ArrowUp":
                _active = _active <= 0 ? _suggestions.Count - 1 : _active - 1;
                _suppressKey = true;
                break;
            case "Enter" when _active >= 0:
                _suppressKey = true;
                await ChooseAsync(_suggestions[_active]);
                break;
            case "Escape":
                _suggestions = [];
                break;
        }
    }

    /// <summary>Replaces the part being typed with the chosen address and starts the next one.</summary>
    private async Task ChooseAsync(MailAddress address)
    {
        var cut = Math.Max(Value.LastIndexOf(','), Value.LastIndexOf(';'));
        var before = cut < 0 ? "" : Value[..(cut + 1)] + " ";
        await ValueChanged.InvokeAsync($"{before.TrimStart()}{address}, ");
        _suggestions = [];
        _active = -1;
    }

    private static string LastPart(string value)
    {
        var cut = Math.Max(value.LastIndexOf(','), value.LastIndexOf(';'));
        return cut < 0 ? value : value[(cut + 1)..];
    }
}
