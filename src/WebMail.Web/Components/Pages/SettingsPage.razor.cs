using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using WebMail.Web.Data;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// The one settings page (also at the old <c>/settings/mail</c>): each setting is saved the moment it changes, with a
/// status line; another tab's change shows here at once, and every open mail page, reader and new compose window follows it.
/// </summary>
public sealed partial class SettingsPage
{
    private OrganizeSettings? _settings;
    private bool _conversations;
    private string _user = "";
    private string? _status, _error;

    [Inject]
    private OrganizeSettingsStore Store { get; set; } = default!;

    [Inject]
    private ListViewPreferenceStore ListViews { get; set; } = default!;

    [Inject]
    private BrowserInterop Browser { get; set; } = default!;

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
        ListViews.Changed += OnChanged;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _settings = await Store.GetOrganizeSettingsAsync(_user);
            _conversations = await ListViews.ConversationsAsync(_user);
        }
        catch (DbException)
        {
            _error = L["Your settings could not be read: the settings database did not answer. Reload the page in a moment."];
        }
    }

    private Task SaveAsync(OrganizeSettings settings) => SavingAsync(
        async () =>
        {
            await Store.SetOrganizeSettingsAsync(_user, settings);
            _settings = settings;
        },
        () => _settings = settings);

    private Task SaveConversationsAsync(bool conversations) => SavingAsync(
        async () =>
        {
            await ListViews.SetConversationsAsync(_user, conversations);
            _conversations = conversations;
        },
        () => _conversations = conversations);

    /// <summary>Turning notifications on asks the browser's permission first (right after the click); refused, nothing is saved.</summary>
    private async Task SaveNotificationsAsync(bool on)
    {
        if (_settings is not { } settings)
        {
            return;
        }

        if (on && !await Browser.RequestNotificationsAsync())
        {
            Refuse(L["Desktop notifications stay off: the browser did not allow them. Allow notifications for this site in the browser, then try again."]);
            return;
        }

        await SaveAsync(settings with { DesktopNotifications = on });
    }

    private async Task SavingAsync(Func<Task> save, Action showAttempted)
    {
        _status = null;
        try
        {
            await save();
            (_status, _error) = (L["Saved"], null);
        }
        catch (DbException)
        {
            _error = L["Not saved: the settings database did not answer. Try again in a moment."];
            await ShowStoredAgainAsync(showAttempted);
        }
    }

    /// <summary>
    /// The control the user changed shows the stored value again. Blazor writes a control's value only when it differs
    /// from its last render, and that render still holds the stored value while the browser shows the new one: so the
    /// refused value is rendered once (its own render, after a yield), then the stored one.
    /// </summary>
    private async Task ShowStoredAgainAsync(Action showAttempted)
    {
        var (settings, conversations) = (_settings, _conversations);
        showAttempted();
        StateHasChanged();
        await Task.Yield();
        (_settings, _conversations) = (settings, conversations);
    }

    /// <summary>A value that cannot be saved: nothing is saved, the controls show the stored value again, and the user is told why.</summary>
    private void Refuse(string reason)
    {
        (_status, _error) = (null, reason);
        _settings = _settings! with { };
    }

    private void ShowStatus((string Text, bool Failed) report) =>
        (_status, _error) = report.Failed ? ((string?)null, report.Text) : (report.Text, (string?)null);

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

    public void Dispose()
    {
        Store.Changed -= OnChanged;
        ListViews.Changed -= OnChanged;
    }
}
