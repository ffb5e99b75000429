using MailKit;
using MailKit.Net.Imap;

namespace WebMail.Mail.Sessions;

/// <summary>The watcher's NOTIFY (RFC 5465): asked for once per connection where the server offers it.</summary>
public sealed partial class MailWatcher
{
    /// <summary>
    /// RFC 5465 NOTIFY, where offered: new mail, expunges and flag changes in the selected folder, and the counts
    /// of every personal folder, reported while the session idles. Once per connection.
    /// </summary>
    private async Task EnableNotifyAsync(ImapContext context, CancellationToken token)
    {
        var client = context.Client;
        if (_notifyActive || _notifyUnavailable || !context.Has(ImapCapabilities.Notify) || client.PersonalNamespaces.Count == 0)
        {
            return;
        }

        try
        {
            var personal = await client.GetFoldersAsync(client.PersonalNamespaces[0], StatusItems.None, false, token).ConfigureAwait(false);
            foreach (var folder in personal.Append(client.Inbox).Where(f => !f.IsNamespace).Distinct())
            {
                folder.CountChanged -= OnStatusChanged;
                folder.CountChanged += OnStatusChanged;
                folder.UnreadChanged -= OnStatusChanged;
                folder.UnreadChanged += OnStatusChanged;
            }

            await client.NotifyAsync(false,
            [
                new ImapEventGroup(ImapMailboxFilter.Selected, [new ImapEvent.MessageNew(), ImapEvent.MessageExpunge, ImapEvent.FlagChange]),
                // Personal, not Subscribed: the inbox is usually not subscribed, and it matters most.
                new ImapEventGroup(ImapMailboxFilter.Personal, [new ImapEvent.MessageNew(), ImapEvent.MessageExpunge]),
            ], token).ConfigureAwait(false);
            _notifyActive = true;
        }
        catch (ImapCommandException ex)
        {
            // The server lists NOTIFY but refuses this request: IDLE and STATUS polling it is.
            _notifyUnavailable = true;
            LogNotifyRefused(_logger, ex.Response.ToString());
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "The IMAP server refused NOTIFY ({Response}); watching with IDLE and STATUS instead")]
    private static partial void LogNotifyRefused(Microsoft.Extensions.Logging.ILogger logger, string response);
}
