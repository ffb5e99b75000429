using Microsoft.AspNetCore.Components;

namespace WebMail.Web.Components.Mail;

/// <summary>The tree's own buttons get the focus back from the dialogs they opened ("New folder", "Show all folders").</summary>
public partial class FolderTree
{
    private ElementReference _newFolderButton;
    private ElementReference _showAllButton;
    private ElementReference? _focusOpener;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusOpener is { } opener)
        {
            _focusOpener = null;
            await opener.FocusAsync();
        }
    }
}
