using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using WebMail.Web.Data;

namespace WebMail.Web.Components.Layout;

/// <summary>Cycles the user's Theme setting; <see cref="ThemeSync"/> in every tab of the user puts it on the page.</summary>
public sealed partial class ThemeToggle
{
    [Inject]
    private ThemeState Theme { get; set; } = default!;

    [Inject]
    private OrganizeSettingsStore Store { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private WebMail.Web.Mail.ActionFeedback Feedback { get; set; } = default!;

    private string Label => Theme.Choice switch
    {
        ThemeChoice.Light => L["Theme: light"],
        ThemeChoice.Dark => L["Theme: dark"],
        _ => L["Theme: system"],
    };

    protected override void OnInitialized() => Theme.Changed += OnThemeChanged;

    private async Task NextAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User.FindFirstValue(ClaimTypes.Name);
        if (user is null)
        {
            return;
        }

        try
        {
            var settings = await Store.GetOrganizeSettingsAsync(user);
            await Store.SetOrganizeSettingsAsync(user, settings with { Theme = ThemeState.Next(Theme.Choice) });
        }
        catch (DbException)
        {
            Feedback.Show(L["The theme was not saved: the settings database did not answer. Try again in a moment."], problem: true);
        }
    }

    private void OnThemeChanged() => _ = InvokeAsync(StateHasChanged);

    public void Dispose() => Theme.Changed -= OnThemeChanged;
}
