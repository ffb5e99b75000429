using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace WebMail.Web.Components.Mail;

/// <summary>A shortcut pressed: what it asks for, and the address of the list row that had the focus (null when none).</summary>
/// <param name="Command">What the key asks for.</param>
/// <param name="RowHref">The focused row's link (<c>mail/{folder}/{message}[?list]</c>, as the row renders it), or null.</param>
public sealed record ShortcutInvocation(ShortcutCommand Command, string? RowHref);

/// <summary>
/// Gmail's shortcuts (<see cref="ShortcutMap"/>), on while <see cref="Enabled"/>. The browser filters the keys (never
/// while typing, never with Ctrl/Alt/Meta, never under a dialog), does j/k and "/" itself, and calls
/// <see cref="OnShortcut"/> for the rest; "?" opens the help here; every other command goes to <see cref="OnCommand"/>.
/// </summary>
public partial class KeyboardShortcuts
{
    private DotNetObjectReference<KeyboardShortcuts>? _self;
    private int _id;
    private bool _sentEnabled;
    private bool _helpOpen;
    private bool _restoreFocus;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    /// <summary>Whether the keys do anything (the user's setting; on by default).</summary>
    [Parameter]
    public bool Enabled { get; set; } = true;

    /// <summary>A shortcut other than j/k, "/" and "?" was pressed.</summary>
    [Parameter]
    public EventCallback<ShortcutInvocation> OnCommand { get; set; }

    protected override void OnParametersSet()
    {
        if (!Enabled && _helpOpen)
        {
            CloseHelp();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            var enabled = Enabled;
            _id = await Browser.AttachShortcutsAsync(_self, ShortcutMap.ForBrowser(), enabled);
            _sentEnabled = enabled;
        }

        // Also right after attaching: Enabled may have changed while the script was being loaded (the user's setting
        // is read as the page starts), and a render meanwhile had nothing to tell yet.
        if (_id != 0 && _sentEnabled != Enabled)
        {
            _sentEnabled = Enabled;
            await Browser.SetShortcutsEnabledAsync(_id, _sentEnabled);
        }

        if (_restoreFocus)
        {
            _restoreFocus = false;
            await Browser.RestoreShortcutFocusAsync(_id);
        }
    }

    /// <summary>A key the browser matched in the table (<paramref name="command"/> is a <see cref="ShortcutCommand"/> name).</summary>
    [JSInvokable]
    public async Task OnShortcut(string command, string? rowHref)
    {
        // Only a command of the table, by its exact name (Enum.TryParse would also take "5").
        if (!Enabled || ShortcutMap.All.FirstOrDefault(s => !s.InBrowser && s.Command.ToString() == command) is not { Command: var parsed })
        {
            return;
        }

        if (parsed == ShortcutCommand.Help)
        {
            if (_helpOpen)
            {
                CloseHelp();
            }
            else
            {
                _helpOpen = true;
            }

            StateHasChanged();
            return;
        }

        await OnCommand.InvokeAsync(new ShortcutInvocation(parsed, rowHref));
    }

    private void CloseHelp()
    {
        _helpOpen = false;
        _restoreFocus = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_self is not null)
        {
            await Browser.DetachShortcutsAsync(_id);
            _self.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
