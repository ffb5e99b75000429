using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Model;

namespace WebMail.Mail.Sessions;

/// <summary>The watcher's follow-up work: turning recorded events into changes with details, NOTIFY, inbox STATUS.</summary>
public sealed partial class UserMailSession
{
    private static bool IsInbox(IMailFolder folder) => folder.FullName.Equals("INBOX", StringComparison.OrdinalIgnoreCase);

    /// <summary>STATUS of the inbox while another folder is selected: a counts-only change when it differs from last time.</summary>
    private async Task<MailboxChange?> CheckInboxAsync(ImapClient client, IMailFolder selected, CancellationToken token)
    {
        if (IsInbox(selected) || _notifyActive)
        {
            return null;
        }

        await client.Inbox.StatusAsync(StatusItems.Count | StatusItems.Unread, token).ConfigureAwait(false);
        var now = (client.Inbox.Count, client.Inbox.Unread);
        var before = _inboxStatus;
        _inboxStatus = now;
        return before is null || before == now
            ? null
            : new MailboxChange("INBOX", [], [], false, [], now.Count, DateTimeOffset.UtcNow) { CountsOnly = true };
    }

    /// <summary>
    /// RFC 5465 NOTIFY, where offered: new mail, expunges and flag changes in the selected folder, and the
    /// counts of every personal folder, reported while the session idles. Once per connection.
    /// </summary>
    private async Task EnableNotifyAsync(ImapClient client, CancellationToken token)
    {
        if (_notifyActive || _notifyUnavailable || (client.Capabilities & ImapCapabilities.Notify) == 0 || client.PersonalNamespaces.Count == 0)
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

    private void OnStatusChanged(object? sender, EventArgs e)
    {
        if (sender is IMailFolder folder && !ReferenceEquals(folder, _selected))
        {
            _statusChanged[folder.FullName] = (DateTimeOffset.UtcNow, folder.Count);
            WakeWatcher();
        }
    }

    /// <summary>Turns recorded events into a change with the details fetched (new rows, flags), or null if nothing happened.</summary>
    private async Task<MailboxChange?> CollectChangesAsync(IMailFolder folder, CancellationToken token)
    {
        if (_watch is not { } watch || watch.Folder != folder.FullName)
        {
            return null;
        }

        var flags = new List<FlagChange>();
        var vanished = new List<uint>();
        var expunged = false;
        var countChanged = false;
        var reportedAt = DateTimeOffset.MaxValue;
        while (_events.TryDequeue(out var e))
        {
            reportedAt = e.At < reportedAt ? e.At : reportedAt;
            switch (e)
            {
                case RawEvent.CountEvent:
                    countChanged = true;
                    break;
                case RawEvent.ExpungeEvent x:
                    expunged = true;
                    vanished.AddRange(x.Uids);
                    break;
                case RawEvent.FlagsEvent { Uid: { } uid } f:
                    flags.Add(ToFlagChange(folder, uid, f.NewFlags));
                    break;
                case RawEvent.FlagsEvent f when f.Index >= 0 && f.Index < folder.Count:
                    var found = await folder.FetchAsync(f.Index, f.Index, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, token).ConfigureAwait(false);
                    flags.AddRange(found.Select(m => ToFlagChange(folder, m.UniqueId.Id, m.Flags ?? MessageFlags.None)));
                    break;
            }
        }

        if (watch.ResyncFlagsSince is { } modSeq && folder.HighestModSeq > modSeq)
        {
            // Back after a reconnect: flags changed meanwhile, by CONDSTORE mod-sequence.
            var changed = await folder.FetchAsync(0, -1, modSeq, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, token).ConfigureAwait(false);
            flags.AddRange(changed.Where(m => m.UniqueId.Id <= watch.MaxUid).Select(m => ToFlagChange(folder, m.UniqueId.Id, m.Flags ?? MessageFlags.None)));
        }

        watch.ResyncFlagsSince = null;
        watch.ModSeq = folder.HighestModSeq;
        var rows = countChanged || folder.Count > watch.KnownCount ? await FetchNewerThanAsync(folder, watch.MaxUid, token).ConfigureAwait(false) : [];
        if (rows.Count > 0)
        {
            watch.MaxUid = rows.Max(r => r.Id.Uid);
        }

        expunged |= folder.Count < watch.KnownCount + rows.Count;
        watch.KnownCount = folder.Count;
        return rows.Count == 0 && flags.Count == 0 && !expunged
            ? null
            : new MailboxChange(folder.FullName, rows, flags, expunged, vanished, folder.Count, reportedAt == DateTimeOffset.MaxValue ? DateTimeOffset.UtcNow : reportedAt);
    }

    private async Task<IReadOnlyList<MessageRow>> FetchNewerThanAsync(IMailFolder folder, uint maxUid, CancellationToken token)
    {
        if (folder.Count == 0)
        {
            return [];
        }

        var range = new UniqueIdRange(new UniqueId(folder.UidValidity, maxUid + 1), UniqueId.MaxValue);
        var found = await folder.FetchAsync(range, RowItems, token).ConfigureAwait(false);
        return [.. found.Where(s => s.UniqueId.Id > maxUid).OrderByDescending(s => s.UniqueId.Id).Select(s => ToRow(folder.FullName, folder.UidValidity, s))];
    }

    private static FlagChange ToFlagChange(IMailFolder folder, uint uid, MessageFlags flags) =>
        new(new MessageRef(folder.FullName, folder.UidValidity, uid), flags.HasFlag(MessageFlags.Seen), flags.HasFlag(MessageFlags.Flagged), flags.HasFlag(MessageFlags.Answered));
}
