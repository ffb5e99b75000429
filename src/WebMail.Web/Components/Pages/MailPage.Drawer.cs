using Microsoft.JSInterop;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// Phones and tablets: the folders are a drawer opened from the top bar (Escape and a tap outside close it, the
/// focus moves in and back), and the top bar's less used links sit behind a Menu button. On a wide screen both
/// buttons are hidden and everything shows (responsive.css).
/// </summary>
public partial class MailPage
{
    private bool _drawerOpen;
    private bool _drawerMoved;
    private bool _menuOpen;

    private void ToggleDrawer() => SetDrawer(!_drawerOpen);

    /// <summary>Escape (from the browser) or a tap on the backdrop.</summary>
    [JSInvokable]
    public void CloseDrawer() => SetDrawer(false);

    private void SetDrawer(bool open)
    {
        if (open != _drawerOpen)
        {
            (_drawerOpen, _drawerMoved) = (open, true);
            _menuOpen = false;
            StateHasChanged();
        }
    }

    private void ToggleMenu() => _menuOpen = !_menuOpen;

    /// <summary>Choosing a folder or a message in the drawer or the menu leaves them.</summary>
    private void CloseOnNavigate()
    {
        _menuOpen = false;
        if (_drawerOpen)
        {
            (_drawerOpen, _drawerMoved) = (false, true);
        }
    }

    /// <summary>After the drawer opened or closed on screen: the focus goes into it, or back to its button.</summary>
    private async Task MoveDrawerFocusAsync()
    {
        if (_drawerMoved && _self is not null)
        {
            _drawerMoved = false;
            await Browser.SetDrawerAsync(_self, _drawerOpen);
        }
    }
}
