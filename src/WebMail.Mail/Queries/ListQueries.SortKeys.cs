using MailKit;
using MimeKit;
using MimeKit.Utils;
using WebMail.Mail.Model;
using WebMail.Mail.Search;

namespace WebMail.Mail.Queries;

/// <summary>
/// Sort keys fetched from the server, per folder, UIDVALIDITY and field, for servers without SORT (and to merge the
/// hits of several folders). Keys follow RFC 5256 so the order is the one SORT gives: FROM/TO the first address's
/// mailbox (local part), SUBJECT the base subject, DATE the Date header (the arrival time when it has none), all text
/// compared case-insensitively; ties in arrival (UID) order. A message's keys never change, so a kept set stays true:
/// new mail only adds keys, an expunged UID is simply never asked for again.
/// </summary>
internal sealed class SortKeyCache
{
    /// <summary>Key sets kept (folder × field), most recently used first.</summary>
    private const int MaxKept = 6;

    private readonly Lock _lock = new();
    private readonly List<Keys> _kept = [];

    public Keys For(string folder, uint validity, SortField field)
    {
        lock (_lock)
        {
            var at = _kept.FindIndex(k => k.Folder == folder && k.Field == field);
            var keys = at >= 0 && _kept[at].Validity == validity ? _kept[at] : new Keys(folder, validity, field);
            if (at >= 0)
            {
                _kept.RemoveAt(at);
            }

            _kept.Insert(0, keys);
            if (_kept.Count > MaxKept)
            {
                _kept.RemoveAt(_kept.Count - 1);
            }

            return keys;
        }
    }

    /// <summary>The least to fetch for a field's key.</summary>
    public static IFetchRequest Request(SortField field) => field switch
    {
        SortField.Date => new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate, [HeaderId.Date]),
        SortField.From => new FetchRequest(MessageSummaryItems.UniqueId, [HeaderId.From]),
        SortField.To => new FetchRequest(MessageSummaryItems.UniqueId, [HeaderId.To]),
        SortField.Subject => new FetchRequest(MessageSummaryItems.UniqueId, [HeaderId.Subject]),
        SortField.Size => new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size),
        _ => new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate),
    };

    /// <summary>The keys of one field in one folder (one UIDVALIDITY). Thread-safe.</summary>
    internal sealed class Keys(string folder, uint validity, SortField field)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<uint, long> _numbers = [];
        private readonly Dictionary<uint, string> _texts = [];

        public string Folder { get; } = folder;

        public uint Validity { get; } = validity;

        public SortField Field { get; } = field;

        private bool IsText => Field is SortField.From or SortField.To or SortField.Subject;

        public UniqueIdSet Missing(uint[] uids)
        {
            var missing = new UniqueIdSet(MailKit.Search.SortOrder.Ascending);
            lock (_lock)
            {
                foreach (var uid in uids)
                {
                    if (IsText ? !_texts.ContainsKey(uid) : !_numbers.ContainsKey(uid))
                    {
                        missing.Add(new UniqueId(Validity, uid));
                    }
                }
            }

            return missing;
        }

        public void Add(IEnumerable<IMessageSummary> summaries)
        {
            lock (_lock)
            {
                foreach (var s in summaries)
                {
                    if (IsText)
                    {
                        _texts[s.UniqueId.Id] = Text(s);
                    }
                    else
                    {
                        _numbers[s.UniqueId.Id] = Number(s);
                    }
                }
            }
        }

        /// <summary>The number key of a UID (ticks or size); 0 when unknown.</summary>
        public long Number(uint uid)
        {
            lock (_lock)
            {
                return _numbers.GetValueOrDefault(uid);
            }
        }

        public string Text(uint uid)
        {
            lock (_lock)
            {
                return _texts.GetValueOrDefault(uid, "");
            }
        }

        /// <summary>
        /// <paramref name="uids"/> ordered by this key; ties in arrival (UID) order whatever the direction, as Dovecot's
        /// SORT gives them (REVERSE turns the key's order only).
        /// </summary>
        public uint[] Sort(uint[] uids, bool descending)
        {
            var sign = descending ? -1 : 1;
            var order = new int[uids.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            lock (_lock)
            {
                if (IsText)
                {
                    var keys = Array.ConvertAll(uids, u => _texts.GetValueOrDefault(u, ""));
                    Array.Sort(order, (a, b) => Compare(sign * string.CompareOrdinal(keys[a], keys[b]), uids[a], uids[b]));
                }
                else
                {
                    var keys = Array.ConvertAll(uids, u => _numbers.GetValueOrDefault(u));
                    Array.Sort(order, (a, b) => Compare(sign * keys[a].CompareTo(keys[b]), uids[a], uids[b]));
                }
            }

            return Array.ConvertAll(order, i => uids[i]);
        }

        private static int Compare(int byKey, uint a, uint b) => byKey != 0 ? byKey : a.CompareTo(b);

        private long Number(IMessageSummary s) => Field switch
        {
            SortField.Size => (long)(s.Size ?? 0),
            SortField.Date => SentDate(s)?.UtcTicks ?? s.InternalDate?.UtcTicks ?? 0,
            _ => s.InternalDate?.UtcTicks ?? 0,
        };

        private string Text(IMessageSummary s) => Field switch
        {
            SortField.Subject => BaseSubject.Of(Header(s, HeaderId.Subject) is { } h ? h.Value : ""),
            SortField.From => FirstMailbox(Header(s, HeaderId.From)),
            _ => FirstMailbox(Header(s, HeaderId.To)),
        };

        private static Header? Header(IMessageSummary s, HeaderId id) => s.Headers?.FirstOrDefault(h => h.Id == id);

        private static DateTimeOffset? SentDate(IMessageSummary s) =>
            Header(s, HeaderId.Date) is { } h && DateUtils.TryParse(h.RawValue, 0, h.RawValue.Length, out var date) ? date : null;

        /// <summary>RFC 5256: the mailbox (local part) of the first address, compared case-insensitively.</summary>
        private static string FirstMailbox(Header? header) =>
            header is not null && InternetAddressList.TryParse(header.RawValue, out var list) && list.Mailboxes.FirstOrDefault() is { } first
                ? MailboxOf(first).ToUpperInvariant()
                : "";

        private static string MailboxOf(MailboxAddress address) => address.LocalPart;
    }
}
