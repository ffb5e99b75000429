using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using WebMail.Web.Components.Mail;
using WebMail.Web.Mail;

namespace WebMail.Web.Components;

/// <summary>
/// The one wrapper around wwwroot/js/webmail.js, per circuit. Calls made while the circuit is going away
/// (tab closed, reconnect) are dropped quietly: there is no page left to act on.
/// </summary>
public sealed class BrowserInterop(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>"/" outside a text field focuses the search box; Escape in it clears it, or leaves it when empty.</summary>
    public Task EnableSearchKeysAsync(ElementReference input) => InvokeAsync("enableSearchKeys", input);

    /// <summary>Starts the keyboard shortcuts (<paramref name="map"/>: keys → command) for this page; returns their id (0 without a browser).</summary>
    public Task<int> AttachShortcutsAsync<T>(DotNetObjectReference<T> target, IReadOnlyDictionary<string, string> map, bool enabled)
        where T : class => InvokeAsync<int>("attachShortcuts", target, map, enabled);

    /// <summary>Switches the shortcuts <paramref name="id"/> on or off.</summary>
    public Task SetShortcutsEnabledAsync(int id, bool enabled) => InvokeAsync("setShortcutsEnabled", id, enabled);

    /// <summary>The shortcut help closed: the focus goes back where it was when it opened.</summary>
    public Task RestoreShortcutFocusAsync(int id) => InvokeAsync("restoreShortcutFocus", id);

    /// <summary>The open message was deleted or moved: the focus goes to the next open row, or the list.</summary>
    public Task FocusAfterMoveAsync() => InvokeAsync("focusAfterMove");

    /// <summary>Stops the shortcuts <paramref name="id"/>.</summary>
    public Task DetachShortcutsAsync(int id) => InvokeAsync("detachShortcuts", id);

    /// <summary>
    /// Starts reporting the scroll position of the list that <paramref name="anchor"/> (a VirtualRows spacer) begins, and
    /// its keys (arrows, PageUp/PageDown, Home/End); returns the position now (null without a browser).
    /// </summary>
    public Task<VirtualViewport?> AttachVirtualRowsAsync<T>(ElementReference anchor, DotNetObjectReference<T> target)
        where T : class => InvokeAsync<VirtualViewport?>("attachVirtualRows", anchor, target);

    /// <summary>Ctrl/Shift+click picks rows; rows dragged onto a folder call <paramref name="target"/>.DropOnFolder(folder, href, picked, copy).</summary>
    public Task AttachListActionsAsync<T>(DotNetObjectReference<T> target)
        where T : class => InvokeAsync("attachListActions", target);

    /// <summary>Focuses the first element matching <paramref name="selector"/>; false when there is none.</summary>
    public Task<bool> FocusAsync(string selector) => InvokeAsync<bool>("focusElement", selector);

    /// <summary>Stops what <see cref="AttachListActionsAsync{T}"/> started (the page is going away).</summary>
    public Task DetachListActionsAsync() => InvokeAsync("detachListActions");

    /// <summary>Stops what <see cref="AttachVirtualRowsAsync{T}"/> started.</summary>
    public Task DetachVirtualRowsAsync(ElementReference anchor) => InvokeAsync("detachVirtualRows", anchor);

    /// <summary>
    /// Starts (or restarts, after switching plain/rich) the compose editor in <paramref name="element"/> with the
    /// server's copy; from then on the browser owns the text and sends edits to <paramref name="target"/>.Edit.
    /// Returns what it restored from this browser's own copy, if that was newer than the draft.
    /// </summary>
    public Task<ComposerRestore?> InitComposerAsync<T>(ElementReference element, DotNetObjectReference<T> target, ComposerInit init)
        where T : class => InvokeAsync<ComposerRestore?>("initComposer", element, target, init);

    /// <summary>Sends every pending edit (everything again when <paramref name="full"/>) and says what the server should now hold; null when the page is gone.</summary>
    public Task<ComposerFlush?> FlushComposerAsync(Guid id, bool full) => InvokeAsync<ComposerFlush?>("flushComposer", id.ToString("D"), full);

    /// <summary>The draft up to <paramref name="version"/> is in Drafts: the browser may drop its own copy.</summary>
    public Task ComposerSavedAsync(Guid id, long version) => InvokeAsync("composerSaved", id.ToString("D"), version);

    /// <summary>The message left: the browser forgets its copy and sends no more beacons.</summary>
    public Task ComposerSentAsync(Guid id) => InvokeAsync("composerSent", id.ToString("D"));

    /// <summary>The compose page closed inside the app: the editor stops (a last beacon goes if edits were pending).</summary>
    public Task DisposeComposerAsync(Guid id) => InvokeAsync("disposeComposer", id.ToString("D"));

    /// <summary>Applies a formatting command to the editor's selection.</summary>
    public Task FormatAsync(ElementReference element, string command, string? value = null) => InvokeAsync("format", element, command, value);

    /// <summary>Asks the browser's permission for desktop notifications; true when granted (false without a browser).</summary>
    public Task<bool> RequestNotificationsAsync() => InvokeAsync<bool>("requestNotifications");

    /// <summary>A desktop notification for new mail, shown only while the tab is in the background and the browser allows it.</summary>
    public Task NotifyAsync(string tag, string title, string body) => InvokeAsync("notify", tag, title, body);

    /// <summary>Sets <c>&lt;html data-theme&gt;</c> ("system", "light" or "dark") in this tab.</summary>
    public Task ApplyThemeAsync(string theme) => InvokeAsync("applyTheme", theme);

    /// <summary>Reports the device's light/dark preference to <paramref name="target"/>.SystemThemeChanged when it changes; returns whether it is dark now.</summary>
    public Task<bool> WatchSystemThemeAsync<T>(DotNetObjectReference<T> target)
        where T : class => InvokeAsync<bool>("watchSystemTheme", target);

    /// <summary>Stops what <see cref="WatchSystemThemeAsync{T}"/> started.</summary>
    public Task UnwatchSystemThemeAsync() => InvokeAsync("unwatchSystemTheme");

    /// <summary>Opens (<paramref name="open"/>) or closes the folder drawer: Escape and a tap outside close it, the focus moves into it and back.</summary>
    public Task SetDrawerAsync<T>(DotNetObjectReference<T> target, bool open)
        where T : class => InvokeAsync("setDrawer", target, open);

    private async Task InvokeAsync(string identifier, params object?[] args) => await InvokeAsync<object?>(identifier, args);

    private async Task<T> InvokeAsync<T>(string identifier, params object?[] args)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/webmail.js");
            return await _module.InvokeAsync<T>(identifier, args);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
            // The circuit is gone; nothing to update.
            return default!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; the module went with it.
        }
    }
}
