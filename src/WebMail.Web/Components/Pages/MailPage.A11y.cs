using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>The mail page for screen readers and keyboards: new mail announced, the focus kept after a message leaves.</summary>
public partial class MailPage
{
    private LiveAnnouncer? _announcer;
    private bool _focusAfterMove;

    /// <summary>"2 new messages in Inbox", politely, for mail that arrived in a folder this tab follows.</summary>
    private void AnnounceNewMail(MailboxChange change)
    {
        var count = change.NewMessages.Count;
        if (count == 0 || _announcer is null)
        {
            return;
        }

        var folder = Folders.FirstOrDefault(f => f.Path == change.Folder)?.Name ?? change.Folder;
        _announcer.Announce(count == 1 ? L["1 new message in {0}", folder] : L["{0} new messages in {1}", count, folder]);
    }

    /// <summary>After the open message was deleted or moved (its reader and toolbar are gone): focus the next row or the list.</summary>
    private async Task FocusAfterMoveIfAskedAsync()
    {
        if (_focusAfterMove)
        {
            _focusAfterMove = false;
            await Browser.FocusAfterMoveAsync();
        }
    }
}
