using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using WebMail.Web.Data;
using WebMail.Web.Resources;

namespace WebMail.Web.Components.Pages;

/// <summary>The organize settings, each saved the moment it changes; another tab's change shows here at once.</summary>
public sealed partial class MailSettingsPage
{
    private static readonly (AfterMoveAction Value, string Text)[] AfterMoveChoices =
    [
        (AfterMoveAction.Next, Strings.Key("Open the next message")),
        (AfterMoveAction.Previous, Strings.Key("Open the previous message")),
        (AfterMoveAction.List, Strings.Key("Go back to the list")),
    ];

    private OrganizeSettings? _settings;
    private string _user = "";
    private string? _status, _error;

    [Inject]
    private OrganizeSettingsStore Store { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        _user = (await Authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.Name) ?? "";
        Store.Changed += OnChanged;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _settings = await Store.GetOrganizeSettingsAsync(_user);
        }
        catch (DbException)
        {
            _error = L["Your settings could not be read: the settings database did not answer. Reload the page in a moment."];
        }
    }

    private async Task SaveAsync(OrganizeSettings settings)
    {
        _status = null;
        try
        {
            await Store.SetOrganizeSettingsAsync(_user, settings);
            (_settings, _status, _error) = (settings, L["Saved"], null);
        }
        catch (DbException)
        {
            _error = L["Not saved: the settings database did not answer. Try again in a moment."];
        }
    }

    private void OnChanged(string user)
    {
        if (user == _user)
        {
            _ = InvokeAsync(async () =>
            {
                try
                {
                    await LoadAsync();
                    StateHasChanged();
                }
                catch (Exception ex)
                {
                    await DispatchExceptionAsync(ex);
                }
            });
        }
    }

    public void Dispose() => Store.Changed -= OnChanged;
}
