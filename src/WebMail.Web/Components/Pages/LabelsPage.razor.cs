using System.Data.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using WebMail.Web.Data;

namespace WebMail.Web.Components.Pages;

/// <summary>The user's labels: list, add, rename, recolour, delete. Other tabs' changes show at once.</summary>
public sealed partial class LabelsPage
{

    private LabelSet _labels = LabelSet.Empty;
    private string _user = "";
    private string _name = "", _colour = "#3366cc";
    private string? _nameError, _colourError, _error, _status;
    private string? _editing, _deleting;
    private string _editName = "", _editColour = "";
    private string? _editNameError, _editColourError;

    [Inject]
    private LabelStore Store { get; set; } = default!;

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
            _labels = await Store.GetAsync(_user);
        }
        catch (DbException)
        {
            _error = L["Your labels could not be read: the settings database did not answer. Reload the page in a moment."];
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

    private async Task AddAsync()
    {
        (_nameError, _colourError, _status) = (Check(LabelRules.CheckName, _name), Check(LabelRules.CheckColour, _colour), null);
        if (_nameError is not null || _colourError is not null)
        {
            return;
        }

        try
        {
            var label = await Store.CreateAsync(_user, _name, _colour);
            (_name, _status, _error) = ("", L["Label “{0}” added.", label.Name], null);
        }
        catch (LabelRefusedException ex)
        {
            _nameError = ex.Message;
        }
        catch (DbException)
        {
            _error = L["Your labels could not be saved: the settings database did not answer. Try again in a moment."];
        }
    }

    private void StartEdit(LabelDefinition label) =>
        (_editing, _deleting, _editName, _editColour, _editNameError, _editColourError) = (label.Keyword, null, label.Name, label.Colour, null, null);

    private void CancelEdit() => _editing = null;

    private async Task SaveEditAsync()
    {
        (_editNameError, _editColourError, _status) = (Check(LabelRules.CheckName, _editName), Check(LabelRules.CheckColour, _editColour), null);
        if (_editing is null || _editNameError is not null || _editColourError is not null)
        {
            return;
        }

        try
        {
            await Store.UpdateAsync(_user, _editing, _editName, _editColour);
            (_editing, _status, _error) = (null, L["Label “{0}” saved.", _editName.Trim()], null);
        }
        catch (LabelRefusedException ex)
        {
            _editNameError = ex.Message;
        }
        catch (DbException)
        {
            _error = L["Your labels could not be saved: the settings database did not answer. Try again in a moment."];
        }
    }

    private async Task DeleteAsync(LabelDefinition label)
    {
        try
        {
            await Store.DeleteAsync(_user, label.Keyword);
            (_deleting, _status, _error) = (null, L["Label “{0}” deleted.", label.Name], null);
        }
        catch (DbException)
        {
            _error = L["Your labels could not be saved: the settings database did not answer. Try again in a moment."];
        }
    }

    private static string? Check(Func<string, string> rule, string value)
    {
        try
        {
            rule(value);
            return null;
        }
        catch (LabelRefusedException ex)
        {
            return ex.Message;
        }
    }

    public void Dispose() => Store.Changed -= OnChanged;
}
