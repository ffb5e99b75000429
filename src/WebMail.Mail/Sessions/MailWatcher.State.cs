using MailKit;
using WebMail.Mail.Model;
using WebMail.Mail.Search;

namespace WebMail.Mail.Sessions;

/// <summary>What the watcher remembers between rounds: where it stands in the selected folder, the rows it just fetched, the events MailKit raised.</summary>
public sealed partial class MailWatcher
{
    /// <summary>True when a flag change leaves everything the row shows as it was and only adds or drops the server's attachment marks.</summary>
    private static bool OnlyServerMarks(MessageRow row, MessageFlags flags, IReadOnlyList<string> keywords) =>
        row.Seen == flags.HasFlag(MessageFlags.Seen)
        && row.Flagged == flags.HasFlag(MessageFlags.Flagged)
        && row.Answered == flags.HasFlag(MessageFlags.Answered)
        && !flags.HasFlag(MessageFlags.Deleted)
        && row.Keywords.Where(k => !IsServerMark(k)).SequenceEqual(keywords.Where(k => !IsServerMark(k)), StringComparer.Ordinal);

    private static bool IsServerMark(string keyword) =>
        keyword.Equals(SearchQueryBuilder.HasAttachmentKeyword, StringComparison.OrdinalIgnoreCase)
        || keyword.Equals(SearchQueryBuilder.HasNoAttachmentKeyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>Where the watcher stands in the selected folder: the highest UID reported and the message count.</summary>
    private sealed class WatchState(string folder, uint uidValidity, uint maxUid, int knownCount)
    {
        public string Folder { get; } = folder;

        public uint UidValidity { get; } = uidValidity;

        public uint MaxUid { get; set; } = maxUid;

        public int KnownCount { get; set; } = knownCount;

        /// <summary>The folder's HIGHESTMODSEQ when last looked at (0 without CONDSTORE).</summary>
        public ulong ModSeq { get; set; }

        /// <summary>Set after a reconnect: report flags changed since this mod-sequence.</summary>
        public ulong? ResyncFlagsSince { get; set; }

        /// <summary>
        /// The rows of the last new-mail fetch by their index, until an expunge shifts the indexes: a flag change that
        /// comes without a UID (no QRESYNC) is matched to them without asking the server.
        /// </summary>
        public IReadOnlyDictionary<int, MessageRow>? Fresh { get; set; }

        public void ForgetFresh() => Fresh = null;

        /// <summary>Keeps the state a flag change gave a fresh row.</summary>
        public void Remember(int index, MessageRow row)
        {
            if (Fresh is { } fresh)
            {
                var updated = fresh.Where(p => p.Value.Id.Uid != row.Id.Uid).ToDictionary(p => p.Key, p => p.Value);
                updated[fresh.FirstOrDefault(p => p.Value.Id.Uid == row.Id.Uid, new(index, row)).Key] = row;
                Fresh = updated;
            }
        }

        /// <summary>The freshly fetched row a flag change is about (by UID when given, else by index), or null.</summary>
        public MessageRow? FreshRow(uint? uid, int index) => Fresh is not { } fresh
            ? null
            : uid is { } u ? fresh.Values.FirstOrDefault(r => r.Id.Uid == u) : fresh.GetValueOrDefault(index);
    }

    private sealed record FolderStatus(DateTimeOffset At, int Count, int Unread);

    private abstract record RawEvent(string Folder, uint Validity, DateTimeOffset At)
    {
        public sealed record Count(string Folder, uint Validity, DateTimeOffset At) : RawEvent(Folder, Validity, At);

        public sealed record Expunge(string Folder, uint Validity, DateTimeOffset At, uint[] Uids) : RawEvent(Folder, Validity, At);

        /// <summary>A flag change; servers without QRESYNC may omit the UID, then the index finds it.</summary>
        public sealed record Flags(string Folder, uint Validity, DateTimeOffset At, uint? Uid, int Index, MessageFlags NewFlags) : RawEvent(Folder, Validity, At)
        {
            public IReadOnlyList<string>? Keywords { get; init; }
        }
    }
}
