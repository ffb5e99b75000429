using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using WebMail.Web.Data;

namespace WebMail.Web.Components.Layout;

/// <summary>
/// The theme of this tab follows the user: their setting is read when the circuit starts and again whenever any tab
/// (of this process) saves it (<see cref="OrganizeSettingsStore.Changed"/>), and put on <c>&lt;html&gt;</c> at once.
/// </summary>
public sealed partial class ThemeSync
{
    private DotNetObjectReference<ThemeSync>? _self;
    private string? _user;

    [Inject]
    private OrganizeSettingsStore Store { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

    [Inject]
    private ThemeState Theme { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _user = (await Authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.Name);
        if (_user is not null)
        {
            Store.Changed += OnSettingsChanged;
            await ApplyAsync(await ReadChoiceAsync());
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            _self = DotNetObjectReference.Create(this);
            Theme.Update(Theme.Choice, await Browser.WatchSystemThemeAsync(_self));
        }
    }

    /// <summary>The device switched between light and dark (only matters with the System choice).</summary>
    [JSInvokable]
    public Task SystemThemeChanged(bool dark) => InvokeAsync(() => Theme.Update(Theme.Choice, dark));

    private void OnSettingsChanged(string user)
    {
        if (user != _user)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            try
            {
                await ApplyAsync(await ReadChoiceAsync());
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        });
    }

    /// <summary>Puts the choice on &lt;html&gt; (the server drew the page with it already; another tab may have changed it since).</summary>
    private async Task ApplyAsync(ThemeChoice choice)
    {
        await Browser.ApplyThemeAsync(ThemeState.AttributeFor(choice));
        Theme.Update(choice, Theme.SystemPrefersDark);
    }

    private async Task<ThemeChoice> ReadChoiceAsync()
    {
        try
        {
            return (await Store.GetOrganizeSettingsAsync(_user!)).Theme;
        }
        catch (DbException)
        {
            // The settings database did not answer: the theme the page was drawn with stays.
            return Theme.Choice;
        }
    }

    public void Dispose()
    {
        Store.Changed -= OnSettingsChanged;
        if (_self is not null)
        {
            _ = Browser.UnwatchSystemThemeAsync();
            _self.Dispose();
        }
    }
}
