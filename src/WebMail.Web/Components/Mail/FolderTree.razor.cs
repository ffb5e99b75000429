using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using WebMail.Mail;
using WebMail.Mail.Folders;
using WebMail.Mail.Model;
using WebMail.Web.Localization;
using WebMail.Web.Mail;
using WebMail.Web.Resources;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// The folder tree: subscribed folders (the Inbox and special folders always), each with its menu, and the dialogs
/// that create, rename, move, delete and assign folders. A change made in any tab of the user reaches this one
/// (<see cref="MailboxState.SubscribeFolderListAsync"/>); renaming or deleting the open folder moves the tab along.
/// </summary>
public partial class FolderTree : IDisposable
{
    private IDisposable? _folderChanges;
    private DialogModel? _dialog;
    private FolderInfo? _target;
    private string _value = "";
    private bool _busy;
    private string? _error;
    private bool _showAll;
    private FolderFocusRequest? _returnFocus;

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<FolderInfo> Folders { get; set; } = [];

    [Parameter]
    public string? SelectedPath { get; set; }

    /// <summary>"Mark all as read" chosen in a folder's menu (the folder's path).</summary>
    [Parameter]
    public EventCallback<string> OnMarkAllRead { get; set; }

    /// <summary>"Empty Trash/Junk" chosen in a folder's menu (the folder's path).</summary>
    [Parameter]
    public EventCallback<string> OnEmpty { get; set; }

    /// <summary>Subscribed folders, the Inbox and special folders, and the open folder whatever its subscription.</summary>
    private IEnumerable<FolderInfo> Visible
    {
        get
        {
            var hidden = RendererInfo.IsInteractive ? Mailbox.HiddenFolders : new HashSet<string>();
            return Folders.Where(f => f.Role != FolderRole.None || !hidden.Contains(f.Path) || f.Path == SelectedPath);
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        try
        {
            _folderChanges = await Mailbox.SubscribeFolderListAsync(OnFolderListChanged);
            await Mailbox.GetHiddenFoldersAsync();
        }
        catch (MailException)
        {
            // The tree shows every folder meanwhile; the page says what is wrong with the connection.
        }
    }

    /// <summary>Any tab of the user changed the folders: follow the open folder if it moved (to the Inbox if it went), then redraw.</summary>
    private void OnFolderListChanged(FolderListChange change) => _ = InvokeAsync(async () =>
    {
        try
        {
            if (SelectedPath is { } open && change.Follow(open) is var now && now != open)
            {
                Navigation.NavigateTo($"mail/{FolderToken.Encode(now ?? "INBOX")}");
            }

            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private void NewTopFolder() => Open(null, new DialogModel(FolderCommand.NewSubfolder, L["New folder"], InputLabel: L["Folder name"], Confirm: L["Create"]), "");

    private void ShowAll() => _showAll = true;

    private void CloseAll()
    {
        _showAll = false;
        _focusOpener = _showAllButton;
    }

    private async Task OpenAsync(FolderInfo folder, FolderCommand command)
    {
        switch (command)
        {
            case FolderCommand.NewSubfolder:
                Open(folder, new DialogModel(command, L["New folder in “{0}”", folder.Name], InputLabel: L["Folder name"], Confirm: L["Create"]), "");
                break;
            case FolderCommand.Rename:
                Open(folder, new DialogModel(command, L["Rename “{0}”", folder.Name], InputLabel: L["New name"], Confirm: L["Rename"]), folder.Name);
                break;
            case FolderCommand.Move:
                var targets = MoveTargets(folder);
                Open(folder, new DialogModel(command, L["Move “{0}”", folder.Name], Choices: targets, ChoiceLabel: L["Move to"], Confirm: L["Move"]), targets[0].Value);
                break;
            case FolderCommand.UseAs:
                Open(folder, new DialogModel(command, L["Use “{0}” as", folder.Name], Choices: Roles, ChoiceLabel: L["Special use"], Confirm: L["Save"]),
                    folder.Role == FolderRole.None ? nameof(FolderRole.Archive) : folder.Role.ToString());
                break;
            case FolderCommand.Delete:
                Open(folder, new DialogModel(command, L["Delete “{0}”?", folder.Name], Message: L["Counting the messages…"], Confirm: L["Delete"], Danger: true), "");
                _busy = true;
                StateHasChanged();
                await RunAsync(async () =>
                {
                    var (messages, folders) = await Mailbox.CountFolderForDeleteAsync(folder.Path);
                    _dialog = _dialog! with { Message = DeleteQuestion(folder.Name, messages, folders, L) };
                }, close: false);
                break;
            case FolderCommand.MarkAllRead:
                await OnMarkAllRead.InvokeAsync(folder.Path);
                break;
            case FolderCommand.Empty:
                // Emptying deletes for good (no undo): the question names the folder and how many messages go.
                Open(folder, new DialogModel(command, L["Empty “{0}”?", folder.Name], Confirm: L["Empty"], Danger: true,
                    Message: folder.Total == 1
                        ? L["Delete the message in “{0}” for good? This cannot be undone.", folder.Name]
                        : L["Delete the {0} messages in “{1}” for good? This cannot be undone.", folder.Total.ToString("N0", CultureInfo.CurrentCulture), folder.Name]), "");
                break;
        }
    }

    private void Open(FolderInfo? target, DialogModel dialog, string value)
    {
        _target = target;
        _dialog = dialog;
        _value = value;
        _error = null;
    }

    private async Task ConfirmAsync()
    {
        if (_dialog is not { } dialog || _busy)
        {
            return;
        }

        var target = _target;
        _busy = true;
        await RunAsync(async () =>
        {
            var focus = target?.Path;
            switch (dialog.Command)
            {
                case FolderCommand.NewSubfolder:
                    await Mailbox.CreateFolderAsync(target?.Path, _value);
                    break;
                case FolderCommand.Rename:
                    focus = await Mailbox.RenameFolderAsync(target!.Path, _value);
                    break;
                case FolderCommand.Move:
                    focus = await Mailbox.MoveFolderAsync(target!.Path, _value.Length == 0 ? null : _value);
                    break;
                case FolderCommand.Delete:
                    await Mailbox.DeleteFolderAsync(target!.Path);
                    focus = "INBOX"; // its menu button: the focus is not lost with the folder
                    break;
                case FolderCommand.Empty:
                    await OnEmpty.InvokeAsync(target!.Path);
                    break;
                case FolderCommand.UseAs:
                    await Mailbox.SetFolderSpecialUseAsync(target!.Path, Enum.Parse<FolderRole>(_value));
                    break;
            }

            _returnFocus = focus is null ? null : new FolderFocusRequest(focus);
        }, close: true);
    }

    /// <summary>Runs a folder command; a refusal or a lost connection shows its sentence in the dialog, which keeps what was typed.</summary>
    private async Task RunAsync(Func<Task> work, bool close)
    {
        _busy = true;
        _error = null;
        try
        {
            await work();
            if (close)
            {
                _dialog = null;
            }
        }
        catch (MailSignedOutException)
        {
            Navigation.NavigateTo("account/login", forceLoad: true);
        }
        catch (MailException ex)
        {
            _error = MailSentences.Of(ex, L);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Close()
    {
        _dialog = null;
        _returnFocus = _target is { } target ? new FolderFocusRequest(target.Path) : null;
        _focusOpener = _target is null ? _newFolderButton : null;
    }

    /// <summary>"Delete “X” and its 2 subfolders with 1,234 messages? This cannot be undone."</summary>
    public static string DeleteQuestion(string name, int messages, int folders, IStringLocalizer<Strings> l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var what = folders switch
        {
            0 => l["“{0}”", name],
            1 => l["“{0}” and its subfolder", name],
            _ => l["“{0}” and its {1} subfolders", name, folders.ToString("N0", CultureInfo.CurrentCulture)],
        };
        var with = messages switch
        {
            0 => "",
            1 => l[" with 1 message"],
            _ => l[" with {0} messages", messages.ToString("N0", CultureInfo.CurrentCulture)],
        };
        return l["Delete {0}{1}? This cannot be undone.", what, with];
    }

    /// <summary>Where a folder may go: the top level, or any folder that is not itself or under it (those follow it in tree order, deeper).</summary>
    private List<(string Value, string Label)> MoveTargets(FolderInfo folder)
    {
        var at = Folders.ToList().FindIndex(f => f.Path == folder.Path);
        var end = at + 1;
        while (at >= 0 && end < Folders.Count && Folders[end].Depth > folder.Depth)
        {
            end++;
        }

        List<(string, string)> targets = [("", L["Top level"])];
        targets.AddRange(Folders
            .Where((f, i) => (i < at || i >= end) && f.Role != FolderRole.Inbox)
            .Select(f => (f.Path, new string('\u00a0', f.Depth * 3) + f.Name)));
        return targets;
    }

    private List<(string Value, string Label)> Roles =>
        [.. new[] { FolderRole.Archive, FolderRole.Junk, FolderRole.Trash, FolderRole.Sent, FolderRole.Drafts, FolderRole.None }
            .Select(role => (role.ToString(), LocalFolderNames.Role(role, L)))];

    public void Dispose() => _folderChanges?.Dispose();

    private sealed record DialogModel(
        FolderCommand Command, string Title, string? Message = null, string? InputLabel = null,
        IReadOnlyList<(string Value, string Label)>? Choices = null, string ChoiceLabel = "", string Confirm = "OK", bool Danger = false);
}
