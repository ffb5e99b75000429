using WebMail.Mail.Model;

namespace WebMail.Mail.Mailbox;

/// <summary>
/// The rows of one folder that some tab has looked at, by position (0 = newest), kept in step with the server's
/// changes so tabs re-render without asking IMAP again. Positions follow sequence numbers, and sequence order is
/// UID order, so a removed UID shifts exactly the rows with smaller UIDs, whether or not it was itself cached.
/// Not thread-safe: <see cref="MailboxView"/> guards it.
/// </summary>
internal sealed class FolderRows
{
    /// <summary>Rows kept per folder; past this, only the newest page stored is kept.</summary>
    internal const int MaxRows = 3000;

    private Dictionary<int, MessageRow> _byIndex = [];

    public uint UidValidity { get; private set; }

    /// <summary>Messages in the folder as last known; -1 before the first page.</summary>
    public int Total { get; private set; } = -1;

    public int Count => _byIndex.Count;

    public void Clear(int total = -1)
    {
        _byIndex = [];
        Total = total;
    }

    /// <summary>The rows of [start, start + count) if every one of them is known.</summary>
    public MessagePage? TryGet(string folder, int start, int count)
    {
        if (Total < 0)
        {
            return null;
        }

        var end = Math.Min(Total, start + count);
        var rows = new List<MessageRow>(Math.Max(0, end - start));
        for (var i = start; i < end; i++)
        {
            if (!_byIndex.TryGetValue(i, out var row))
            {
                return null;
            }

            rows.Add(row);
        }

        return new MessagePage(folder, UidValidity, Total, start, rows);
    }

    /// <summary>Keeps a page read from the server. A page that saw another count or UIDVALIDITY replaces what was known.</summary>
    public void Store(MessagePage page)
    {
        if (page.UidValidity != UidValidity || page.Total != Total || _byIndex.Count + page.Rows.Count > MaxRows)
        {
            _byIndex = [];
        }

        UidValidity = page.UidValidity;
        Total = page.Total;
        for (var i = 0; i < page.Rows.Count; i++)
        {
            _byIndex[page.StartIndex + i] = page.Rows[i];
        }
    }

    /// <summary>New messages (newest first) at the top; when the cache no longer lines up with <paramref name="total"/>, it is dropped.</summary>
    public void AddNew(IReadOnlyList<MessageRow> rows, int total)
    {
        var known = _byIndex.Values.Select(r => r.Id.Uid).ToHashSet();
        var fresh = rows.Where(r => !known.Contains(r.Id.Uid)).ToList();
        if (Total < 0 || (total >= 0 && total != Total + fresh.Count) || fresh.Any(r => known.Count > 0 && r.Id.Uid < known.Max()))
        {
            // What is cached no longer lines up with the server's count: read again when asked.
            Clear(total);
            return;
        }

        var shifted = new Dictionary<int, MessageRow>(_byIndex.Count + fresh.Count);
        foreach (var (index, row) in _byIndex)
        {
            shifted[index + fresh.Count] = row;
        }

        if (_byIndex.ContainsKey(0) || _byIndex.Count == 0)
        {
            for (var i = 0; i < fresh.Count; i++)
            {
                shifted[i] = fresh[i];
            }
        }

        _byIndex = shifted;
        Total += fresh.Count;
    }

    /// <summary>Removes a message by UID; returns whether it was unread, or null when that is not known (it was not cached).</summary>
    public bool? Remove(uint uid)
    {
        bool? wasUnread = null;
        var kept = new Dictionary<int, MessageRow>(_byIndex.Count);
        foreach (var (index, row) in _byIndex)
        {
            if (row.Id.Uid == uid)
            {
                wasUnread = !row.Seen;
            }
            else
            {
                kept[row.Id.Uid < uid ? index - 1 : index] = row;
            }
        }

        _byIndex = kept;
        if (Total > 0)
        {
            Total--;
        }

        return wasUnread;
    }

    /// <summary>Applies new flags to a cached row; returns whether it was unread before, or null when the row is not cached.</summary>
    public bool? UpdateFlags(FlagChange change)
    {
        var (index, row) = _byIndex.FirstOrDefault(e => e.Value.Id == change.Id);
        if (row is null)
        {
            return null;
        }

        _byIndex[index] = row with { Seen = change.Seen, Flagged = change.Flagged, Answered = change.Answered, Keywords = change.Keywords ?? row.Keywords };
        return !row.Seen;
    }

    /// <summary>Whether a UID is among the cached rows.</summary>
    public bool Contains(uint uid) => _byIndex.Values.Any(r => r.Id.Uid == uid);
}
