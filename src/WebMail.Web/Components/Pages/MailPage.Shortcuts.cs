using Microsoft.AspNetCore.Components;
using WebMail.Mail.Actions;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// The keyboard shortcuts' commands that need no mail action: open, back to the list, compose, go to a folder.
/// (j/k and "/" are done in the browser, "?" by <see cref="KeyboardShortcuts"/> itself.)
/// </summary>
public partial class MailPage
{
    /// <summary>The user's setting (on by default; MailPage.Organize.cs reads it and follows its changes).</summary>
    private bool ShortcutsEnabled => _organize.KeyboardShortcuts;

    private async Task OnShortcutAsync(ShortcutInvocation invocation)
    {
        // The row with the focus, else the open message: what r, s, x and the rest act on (the picked rows first).
        var row = invocation.RowHref is { } rowHref && IsMailAddress(rowHref) && MessageRef.TryParse(rowHref.Split('?')[0].Split('/')[^1], out var r) ? r : (MessageRef?)null;
        var target = row ?? SelectedId;
        switch (invocation.Command)
        {
            case ShortcutCommand.Reply or ShortcutCommand.ReplyAll or ShortcutCommand.Forward when target is { } original:
                var kind = invocation.Command switch { ShortcutCommand.Reply => "Reply", ShortcutCommand.ReplyAll => "ReplyAll", _ => "Forward" };
                Navigation.NavigateTo($"compose?reply={original.ToToken()}&kind={kind}");
                break;
            case ShortcutCommand.Archive or ShortcutCommand.Delete or ShortcutCommand.MarkRead or ShortcutCommand.MarkUnread:
                await ActOnPickedOrAsync(target, invocation.Command switch
                {
                    ShortcutCommand.Archive => BulkKind.Archive,
                    ShortcutCommand.Delete => BulkKind.Delete,
                    ShortcutCommand.MarkRead => BulkKind.Read,
                    _ => BulkKind.Unread,
                });
                break;
            case ShortcutCommand.Star when target is { } star:
                var flagged = _list?.LoadedRow(star)?.Flagged ?? _reader?.Flagged ?? false;
                await ActOnAsync(MessageSelection.Of(star), new BulkCommand(flagged ? BulkKind.Unflag : BulkKind.Flag), clearSelection: false);
                break;
            case ShortcutCommand.Select when target is { } pick && _list is not null:
                await _list.TogglePickAsync(pick);
                break;
            case ShortcutCommand.Label or ShortcutCommand.Move when target is { } chosen:
                // The toolbar's label or folder choice, for the picked rows (the focused row is picked if none is).
                if (_selection.IsEmpty && _list is not null)
                {
                    await _list.TogglePickAsync(chosen);
                }

                StateHasChanged();
                await Task.Yield();
                await Browser.FocusAsync(invocation.Command == ShortcutCommand.Label ? "#bulk-label" : "#bulk-target");
                break;
            case ShortcutCommand.Open when invocation.RowHref is { } href && IsMailAddress(href):
                Navigation.NavigateTo(href);
                break;
            case ShortcutCommand.BackToList when SelectedId is not null:
                Navigation.NavigateTo(ListUrl.For(Query));
                break;
            case ShortcutCommand.Compose:
                Navigation.NavigateTo("compose");
                break;
            case ShortcutCommand.GoInbox:
                GoTo(FolderRole.Inbox);
                break;
            case ShortcutCommand.GoSent:
                GoTo(FolderRole.Sent);
                break;
            case ShortcutCommand.GoDrafts:
                GoTo(FolderRole.Drafts);
                break;
        }
    }

    /// <summary>e, #, Shift+I, Shift+U: the picked rows when there are any, else the focused row or the open message.</summary>
    private Task ActOnPickedOrAsync(MessageRef? target, BulkKind kind) =>
        !_selection.IsEmpty ? RunBulkAsync(new BulkCommand(kind))
        : target is { } id ? ActOnAsync(MessageSelection.Of(id), new BulkCommand(kind), clearSelection: false)
        : Task.CompletedTask;

    /// <summary>The folder with that role (the inbox is always "INBOX"); nothing when the account has none.</summary>
    private void GoTo(FolderRole role)
    {
        var path = role == FolderRole.Inbox ? "INBOX" : Folders.FirstOrDefault(f => f.Role == role)?.Path;
        if (path is not null)
        {
            Navigation.NavigateTo(ListUrl.For(new ListQuery(path)));
        }
    }

    /// <summary>A row's link is an address of this app's mail view, never somewhere else.</summary>
    private bool IsMailAddress(string href) =>
        Uri.TryCreate(href, UriKind.Relative, out _) && Navigation.ToAbsoluteUri(href).AbsoluteUri.StartsWith(Navigation.BaseUri + "mail/", StringComparison.Ordinal);
}
