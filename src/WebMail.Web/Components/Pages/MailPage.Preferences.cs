using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Web.Data;

namespace WebMail.Web.Components.Pages;

/// <summary>What the user's settings change on the mail page: row density, where the reader sits, desktop notifications.</summary>
public partial class MailPage
{
    /// <summary>
    /// The page root's classes: wwwroot/css/preferences.css lays out compact rows and the reading pane (right, bottom,
    /// off) from them on wide screens; "has-message" tells it whether a message is open (for "off").
    /// </summary>
    private string PreferenceClasses =>
        "app"
        + (_organize.Density == ListDensity.Compact ? " density-compact" : "")
        + _organize.ReadingPane switch
        {
            ReadingPaneLayout.Bottom => " pane-bottom",
            ReadingPaneLayout.Off => " pane-off",
            _ => " pane-right",
        }
        + (SelectedId is null ? "" : " has-message");

    /// <summary>One desktop notification per new Inbox message (sender, subject), when the user turned them on.</summary>
    private async Task NotifyAsync(MailboxChange change)
    {
        if (!_organize.DesktopNotifications || change.Folder != "INBOX")
        {
            return;
        }

        foreach (var message in change.NewMessages)
        {
            await Browser.NotifyAsync($"webmail-{message.Id.ToToken()}", message.From?.Display ?? L["New mail"], message.Subject);
        }
    }
}
