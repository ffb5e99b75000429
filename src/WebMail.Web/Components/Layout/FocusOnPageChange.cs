using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace WebMail.Web.Components.Layout;

/// <summary>
/// After an in-app navigation to another page, moves the focus to that page's heading (as Blazor's FocusOnNavigate
/// does), but not when a page is first loaded: a loaded page starts at its top, where the skip link is the first Tab stop.
/// </summary>
public sealed class FocusOnPageChange : ComponentBase
{
    private Type? _lastPage;
    private bool _focus;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public Microsoft.AspNetCore.Components.RouteData RouteData { get; set; } = default!;

    [Parameter]
    public string Selector { get; set; } = "h1";

    protected override void OnParametersSet()
    {
        _focus |= _lastPage is not null && _lastPage != RouteData.PageType;
        _lastPage = RouteData.PageType;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focus && RendererInfo.IsInteractive)
        {
            _focus = false;
            try
            {
                await JS.InvokeVoidAsync("webmailA11y.focusFirst", Selector);
            }
            catch (JSDisconnectedException)
            {
                // The tab went away meanwhile: nothing to focus.
            }
        }
    }
}
