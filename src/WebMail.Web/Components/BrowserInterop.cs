using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace WebMail.Web.Components;

/// <summary>
/// The one wrapper around wwwroot/js/webmail.js, per circuit. Calls made while the circuit is going away
/// (tab closed, reconnect) are dropped quietly: there is no page left to act on.
/// </summary>
public sealed class BrowserInterop(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? _module;

    /// <summary>Arrow keys, Home and End move between the rows of a list of links.</summary>
    public Task EnableListKeysAsync(ElementReference list) => InvokeAsync("enableListKeys", list);

    private async Task InvokeAsync(string identifier, params object?[] args)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/webmail.js");
            await _module.InvokeVoidAsync(identifier, args);
        }
        catch (Exception ex) when (ex is JSDisconnectedException or TaskCanceledException or ObjectDisposedException)
        {
            // The circuit is gone; nothing to update.
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
