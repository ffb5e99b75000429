using Microsoft.AspNetCore.Components;
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

    private Task OnShortcutAsync(ShortcutInvocation invocation)
    {
        switch (invocation.Command)
        {
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

        return Task.CompletedTask;
    }

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
