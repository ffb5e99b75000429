using Microsoft.AspNetCore.Components;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>Where the focus goes and what is said after sending: a refusal takes the focus; "Message sent" shows on the list.</summary>
public partial class ComposePage
{
    private ElementReference _errorText;
    private bool _focusError;

    [Inject]
    private ActionFeedback Feedback { get; set; } = default!;

    /// <summary>A send that did not happen: its sentence is shown, and the focus goes to it once rendered.</summary>
    private void RefuseSend(string sentence)
    {
        _error = sentence;
        _focusError = true;
    }

    private async Task FocusErrorIfAskedAsync()
    {
        if (_focusError && _error is not null)
        {
            _focusError = false;
            await _errorText.FocusAsync();
        }
    }
}
