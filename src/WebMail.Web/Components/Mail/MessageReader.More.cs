using Microsoft.AspNetCore.Components;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// The reader's More menu on a phone: the less used actions (reply all, forward, print, read/unread, flag, spam) leave
/// the toolbar for a menu (a menu button with aria-haspopup; arrows, Home and End move, Escape closes and the focus
/// returns: a11y.js). On a wider screen More is hidden (responsive.css) and the same buttons are plain toolbar buttons.
/// </summary>
public partial class MessageReader
{
    private bool _moreOpen;
    private bool _moreFocus;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    private string MoreId => $"reader-more-{_key}";

    private string? MenuRole => _moreOpen ? "menu" : null;

    private string? MenuLabel => _moreOpen ? L["More actions"].Value : null;

    private string? ItemRole => _moreOpen ? "menuitem" : null;

    private string? ItemTabIndex => _moreOpen ? "-1" : null;

    private void ToggleMore() => (_moreOpen, _moreFocus) = (!_moreOpen, !_moreOpen);

    /// <summary>An action in the menu was chosen (its own handler runs too).</summary>
    private void CloseMore() => _moreOpen = false;

    /// <summary>The menu just opened: the focus goes to its first action.</summary>
    private async Task FocusMoreAsync()
    {
        if (_moreOpen && _moreFocus)
        {
            _moreFocus = false;
            await Browser.FocusAsync($"#{MoreId} [role=menuitem]");
        }
    }
}
