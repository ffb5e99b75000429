using MailKit;
using MailKit.Net.Imap;
using WebMail.Mail.Model;
using WebMail.Mail.Queries;

namespace WebMail.Mail.Sessions;

/// <summary>The watcher's follow-up work: recording MailKit's events, turning them into changes with details, inbox STATUS.</summary>
public sealed partial class MailWatcher
{
    private WatchState? _watch;
    private (int Count, int Unread)? _inboxStatus;
    private bool _notifyActive;
    private bool _notifyUnavailable;

    private static bool IsInbox(IMailFolder folder) => folder.FullName.Equals("INBOX", StringComparison.OrdinalIgnoreCase);

    /// <summary>A folder became the selected one: watch it, starting from what the server has now.</summary>
    void IConnectionObserver.Selected(IMailFolder folder, IMailFolder? previous)
    {
        if (previous is not null)
        {
            previous.CountChanged -= OnCountChanged;
            previous.MessageExpunged -= OnExpunged;
            previous.MessagesVanished -= OnVanished;
            previous.MessageFlagsChanged -= OnFlagsChanged;
        }

        folder.CountChanged += OnCountChanged;
        folder.MessageExpunged += OnExpunged;
        folder.MessagesVanished += OnVanished;
        folder.MessageFlagsChanged += OnFlagsChanged;

        // Same folder again after a reconnect: keep the cursor, so the resync reports what came in meanwhile.
        if (_watch is { } w && w.Folder == folder.FullName && w.UidValidity == folder.UidValidity)
        {
            w.ResyncFlagsSince = w.ModSeq > 0 && folder.Supports(FolderFeature.ModSequences) ? w.ModSeq : null;
            return;
        }

        var maxUid = folder.UidNext is { } next && next.Id > 0 ? next.Id - 1 : 0;
        _watch = new WatchState(folder.FullName, folder.UidValidity, maxUid, folder.Count) { ModSeq = folder.HighestModSeq };
    }

    void IConnectionObserver.Dropped() => _notifyActive = false;

    // MailKit event handlers: record and signal only. The folder is not re-entrant; the loop does the fetching.
    private void OnCountChanged(object? sender, EventArgs e) => Record(sender, f => new RawEvent.Count(f.FullName, f.UidValidity, _time.GetUtcNow()));

    private void OnExpunged(object? sender, MessageEventArgs e)
    {
        // Indexes shift: the new rows' positions are no longer known.
        _watch?.ForgetFresh();
        Record(sender, f => new RawEvent.Expunge(f.FullName, f.UidValidity, _time.GetUtcNow(), []));
    }

    private void OnVanished(object? sender, MessagesVanishedEventArgs e)
    {
        _watch?.ForgetFresh();
        Record(sender, f => new RawEvent.Expunge(f.FullName, f.UidValidity, _time.GetUtcNow(), [.. e.UniqueIds.Select(u => u.Id)]));
    }

    private void OnFlagsChanged(object? sender, MessageFlagsChangedEventArgs e)
    {
        var keywords = MessageQueries.Keywords(e.Keywords);
        var uid = e.UniqueId?.Id;
        if (sender is IMailFolder folder && _watch is { } watch && watch.Folder == folder.FullName && watch.FreshRow(uid, e.Index) is { } fresh)
        {
            if (OnlyServerMarks(fresh, e.Flags, keywords))
            {
                // Dovecot marking a message it just parsed ($HasAttachment / $HasNoAttachment, often right after our row
                // FETCH): nothing a tab shows changed, so no wake-up, no fetch and no second IDLE for it.
                return;
            }

            // A row fetched a moment ago: its UID is known, no FETCH by index needed; later changes compare with this state.
            uid ??= fresh.Id.Uid;
            watch.Remember(e.Index, fresh with
            {
                Seen = e.Flags.HasFlag(MessageFlags.Seen),
                Flagged = e.Flags.HasFlag(MessageFlags.Flagged),
                Answered = e.Flags.HasFlag(MessageFlags.Answered),
                Keywords = keywords,
            });
        }

        Record(sender, f => new RawEvent.Flags(f.FullName, f.UidValidity, _time.GetUtcNow(), uid, e.Index, e.Flags) { Keywords = keywords });
    }

    private void Record(object? sender, Func<IMailFolder, RawEvent> make)
    {
        if (sender is IMailFolder folder)
        {
            _events.Enqueue(make(folder));
            Wake();
        }
    }

    private void OnStatusChanged(object? sender, EventArgs e)
    {
        if (sender is IMailFolder folder && _watch?.Folder != folder.FullName)
        {
            _statusChanged[folder.FullName] = new FolderStatus(_time.GetUtcNow(), folder.Count, folder.Unread);
            Wake();
        }
    }

    /// <summary>Other folders' counts, reported by NOTIFY's STATUS responses.</summary>
    private IEnumerable<MailboxChange> TakeStatusChanges()
    {
        foreach (var folder in _statusChanged.Keys)
        {
            if (_statusChanged.TryRemove(folder, out var status))
            {
                yield return new MailboxChange(folder, [], [], false, [], status.Count, status.At) { CountsOnly = true, Unread = status.Unread };
            }
        }
    }

    /// <summary>Recorded events turned into changes, with the details fetched once (new rows, flags); empty if nothing happened.</summary>
    private async Task<IReadOnlyList<MailboxChange>> CollectAsync(ImapContext context, IMailFolder selected, CancellationToken token)
    {
        var batch = new List<RawEvent>();
        while (_events.TryDequeue(out var e))
        {
            batch.Add(e);
        }

        var changes = new List<MailboxChange>();
        foreach (var group in batch.GroupBy(e => (e.Folder, e.Validity)).Where(g => g.Key.Folder != selected.FullName || g.Key.Validity != selected.UidValidity))
        {
            // Events of a folder that is no longer selected (a command moved on): what needs no fetch.
            var flags = group.OfType<RawEvent.Flags>().Where(f => f.Uid is not null).Select(f => ToFlagChange(group.Key.Folder, group.Key.Validity, f.Uid!.Value, f.NewFlags) with { Keywords = f.Keywords }).ToList();
            var vanished = group.OfType<RawEvent.Expunge>().SelectMany(x => x.Uids).ToList();
            var expunged = group.OfType<RawEvent.Expunge>().Any();
            if (flags.Count > 0 || expunged)
            {
                changes.Add(new MailboxChange(group.Key.Folder, [], flags, expunged, vanished, -1, group.Min(e => e.At)));
            }
        }

        if (await CollectSelectedAsync(selected, batch.Where(e => e.Folder == selected.FullName && e.Validity == selected.UidValidity).ToList(), token).ConfigureAwait(false) is { } change)
        {
            changes.Add(change);
        }

        if (changes.Count == 0 && await CheckInboxAsync(context, selected, token).ConfigureAwait(false) is { } inbox)
        {
            changes.Add(inbox);
        }

        return changes;
    }

    private async Task<MailboxChange?> CollectSelectedAsync(IMailFolder folder, List<RawEvent> events, CancellationToken token)
    {
        if (_watch is not { } watch || watch.Folder != folder.FullName)
        {
            return null;
        }

        var flags = new List<FlagChange>();
        var vanished = new List<uint>();
        var expunged = false;
        var countChanged = false;
        var reportedAt = events.Count > 0 ? events.Min(e => e.At) : _time.GetUtcNow();
        foreach (var e in events)
        {
            switch (e)
            {
                case RawEvent.Count:
                    countChanged = true;
                    break;
                case RawEvent.Expunge x:
                    expunged = true;
                    vanished.AddRange(x.Uids);
                    break;
                case RawEvent.Flags { Uid: { } uid } f:
                    flags.Add(ToFlagChange(folder.FullName, folder.UidValidity, uid, f.NewFlags) with { Keywords = f.Keywords });
                    break;
                case RawEvent.Flags f when watch.FreshRow(null, f.Index) is { } known:
                    // Came while the new rows were being fetched (before they were known by index): matched now.
                    if (!OnlyServerMarks(known, f.NewFlags, f.Keywords ?? []))
                    {
                        flags.Add(ToFlagChange(folder.FullName, folder.UidValidity, known.Id.Uid, f.NewFlags) with { Keywords = f.Keywords });
                    }

                    break;
                case RawEvent.Flags f when f.Index >= 0 && f.Index < folder.Count:
                    var found = await folder.FetchAsync(f.Index, f.Index, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, token).ConfigureAwait(false);
                    flags.AddRange(found.Select(m => ToFlagChange(folder.FullName, folder.UidValidity, m.UniqueId.Id, m.Flags ?? MessageFlags.None) with { Keywords = MessageQueries.Keywords(m.Keywords) }));
                    break;
            }
        }

        if (watch.ResyncFlagsSince is { } modSeq && folder.HighestModSeq > modSeq)
        {
            // Back after a reconnect: flags changed meanwhile, by CONDSTORE mod-sequence.
            var changed = await folder.FetchAsync(0, -1, modSeq, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags, token).ConfigureAwait(false);
            flags.AddRange(changed.Where(m => m.UniqueId.Id <= watch.MaxUid).Select(m => ToFlagChange(folder.FullName, folder.UidValidity, m.UniqueId.Id, m.Flags ?? MessageFlags.None) with { Keywords = MessageQueries.Keywords(m.Keywords) }));
        }

        watch.ResyncFlagsSince = null;
        watch.ModSeq = folder.HighestModSeq;
        var (rows, fresh, echoes) = countChanged || folder.Count > watch.KnownCount ? await FetchNewerThanAsync(folder, watch.MaxUid, token).ConfigureAwait(false) : ([], null, []);
        flags.AddRange(echoes);
        if (rows.Count > 0)
        {
            watch.MaxUid = rows.Max(r => r.Id.Uid);
            watch.Fresh = fresh;
        }

        expunged |= folder.Count < watch.KnownCount + rows.Count;
        watch.KnownCount = folder.Count;
        return rows.Count == 0 && flags.Count == 0 && !expunged
            ? null
            : new MailboxChange(folder.FullName, rows, flags, expunged, vanished, folder.Count, reportedAt);
    }

    /// <summary>STATUS of the inbox while another folder is selected and NOTIFY is off: a counts-only change when it differs.</summary>
    private async Task<MailboxChange?> CheckInboxAsync(ImapContext context, IMailFolder selected, CancellationToken token)
    {
        if (IsInbox(selected) || _notifyActive)
        {
            return null;
        }

        var inbox = context.Client.Inbox;
        await inbox.StatusAsync(StatusItems.Count | StatusItems.Unread, token).ConfigureAwait(false);
        var now = (inbox.Count, inbox.Unread);
        var before = _inboxStatus;
        _inboxStatus = now;
        return before is null || before == now
            ? null
            : new MailboxChange("INBOX", [], [], false, [], now.Count, _time.GetUtcNow()) { CountsOnly = true, Unread = now.Unread };
    }

    /// <summary>
    /// The rows newer than <paramref name="maxUid"/>, newest first, and the same rows by their index (0-based). The
    /// server may answer with older messages too: the last one when nothing is newer (<c>n:*</c> always matches it), and
    /// a flag change another client made meanwhile, which then comes as part of this answer and raises no event. Those
    /// are the echoes: their state now, to apply, not to drop.
    /// </summary>
    private static async Task<(IReadOnlyList<MessageRow> Rows, IReadOnlyDictionary<int, MessageRow>? ByIndex, IReadOnlyList<FlagChange> Echoes)> FetchNewerThanAsync(IMailFolder folder, uint maxUid, CancellationToken token)
    {
        if (folder.Count == 0)
        {
            return ([], null, []);
        }

        var range = new UniqueIdRange(new UniqueId(folder.UidValidity, maxUid + 1), UniqueId.MaxValue);
        var found = await folder.FetchAsync(range, MessageQueries.RowRequest, token).ConfigureAwait(false);
        var fresh = found.Where(s => s.UniqueId.Id > maxUid).OrderByDescending(s => s.UniqueId.Id).Select(s => (s.Index, Row: MessageQueries.ToRow(folder.FullName, folder.UidValidity, s))).ToList();
        var echoes = found.Where(s => s.UniqueId.IsValid && s.UniqueId.Id <= maxUid && s.Flags is not null)
            .Select(s => ToFlagChange(folder.FullName, folder.UidValidity, s.UniqueId.Id, s.Flags!.Value) with { Keywords = MessageQueries.Keywords(s.Keywords), Echo = true })
            .ToList();
        return ([.. fresh.Select(f => f.Row)], fresh.ToDictionary(f => f.Index, f => f.Row), echoes);
    }

    private static FlagChange ToFlagChange(string folder, uint validity, uint uid, MessageFlags flags) =>
        new(new MessageRef(folder, validity, uid), flags.HasFlag(MessageFlags.Seen), flags.HasFlag(MessageFlags.Flagged), flags.HasFlag(MessageFlags.Answered));
}
