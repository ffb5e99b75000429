using Microsoft.AspNetCore.Components;
using WebMail.Mail;
using WebMail.Web.Components.Mail;
using WebMail.Web.Data;

namespace WebMail.Web.Components.Pages;

/// <summary>The user's labels and settings (shortcuts, after a move, archive per year, density, reading pane, list view), kept current in every tab.</summary>
public partial class MailPage
{
    private OrganizeSettings _organize = OrganizeSettings.Default;
    private LabelSet _labels = LabelSet.Empty;
    private bool _watchingSettings;

    [Inject]
    private OrganizeSettingsStore OrganizeStore { get; set; } = default!;

    [Inject]
    private LabelStore LabelStore { get; set; } = default!;

    private (string Folder, bool Can)? _canLabel;

    /// <summary>
    /// The user's labels, offered in the toolbar (names, not keywords); none in a folder whose PERMANENTFLAGS do not
    /// take new keywords (<c>\*</c>), where a label would not be kept.
    /// </summary>
    private IReadOnlyList<LabelChoice> LabelChoices => _canLabel is { Can: false } && _canLabel.Value.Folder == FolderPath && !Query.AllFolders
        ? []
        : _labels.All.Select(l => new LabelChoice(l.Keyword, l.Name)).ToList();

    /// <summary>Once rows are picked in a folder: can its messages take labels? (Asked once per folder shown.)</summary>
    private async Task CheckLabelsAllowedAsync()
    {
        if (FolderPath is not { } folder || Query.AllFolders || _canLabel?.Folder == folder)
        {
            return;
        }

        try
        {
            _canLabel = (folder, await Mailbox.CanLabelAsync(folder));
            StateHasChanged();
        }
        catch (MailException)
        {
            // Unknown: the labels stay offered; a refusal would say why.
        }
    }

    /// <summary>
    /// The list view and (<paramref name="organize"/>) labels and organize settings. A settings database that does not
    /// answer leaves the defaults: the mail itself still opens, and a later change of the settings reads them again.
    /// </summary>
    private async Task LoadPreferencesAsync(string user, bool organize)
    {
        try
        {
            await LoadListViewAsync(user);
            if (organize)
            {
                await LoadOrganizeAsync(user);
            }
        }
        catch (System.Data.Common.DbException)
        {
            // Defaults until the database answers again (the settings page says so when a change is not saved).
        }
    }

    /// <summary>The user's labels and organize settings; read again in every tab when changed in one.</summary>
    private async Task LoadOrganizeAsync(string user)
    {
        if (!_watchingSettings)
        {
            _watchingSettings = true;
            OrganizeStore.Changed += OnOrganizeChanged;
            LabelStore.Changed += OnOrganizeChanged;
            ListViews.Changed += OnOrganizeChanged;
        }

        _organize = await OrganizeStore.GetOrganizeSettingsAsync(user);
        _labels = await LabelStore.GetAsync(user);
        var labels = _labels;
        await Mailbox.UseLabelsAsync(name => labels.ByName(name)?.Keyword);
    }

    private void OnOrganizeChanged(string user)
    {
        if (user != UserName)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            try
            {
                await LoadOrganizeAsync(user);
                await LoadListViewAsync(user);
                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        });
    }

    private void StopWatchingOrganize()
    {
        _selection.Changed -= OnSelectionChanged;
        if (_watchingSettings)
        {
            OrganizeStore.Changed -= OnOrganizeChanged;
            LabelStore.Changed -= OnOrganizeChanged;
            ListViews.Changed -= OnOrganizeChanged;
        }
    }
}
