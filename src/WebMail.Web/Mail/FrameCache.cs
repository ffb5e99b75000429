using WebMail.Mail.Model;

namespace WebMail.Web.Mail;

/// <summary>Which cached document a message open can reuse: one per sign-in, message and remote-content choice (the user's share of memory counts all their sign-ins).</summary>
internal readonly record struct FrameKey(string User, string SignIn, MessageRef Message, bool AllowRemote);

/// <summary>
/// Least-recently-used store of prepared frames, bounded by bytes per user and in total, with a sliding
/// expiry. A single document larger than the per-user cap is still kept (alone), so its frame can load.
/// </summary>
internal sealed class FrameCache(FrameOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Entry> _recent = new();
    private readonly Dictionary<string, Entry> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<FrameKey, Entry> _byKey = [];
    private readonly Dictionary<string, UserShare> _users = new(StringComparer.Ordinal);
    private readonly TimeSpan _idle = TimeSpan.FromMinutes(options.ExpireAfterIdleMinutes);
    private long _totalBytes;

    public long TotalBytes
    {
        get
        {
            lock (_gate)
            {
                return _totalBytes;
            }
        }
    }

    public long BytesOf(string user)
    {
        lock (_gate)
        {
            return _users.TryGetValue(user, out var share) ? share.Bytes : 0;
        }
    }

    public PreparedFrame? Get(string token)
    {
        lock (_gate)
        {
            return _byToken.TryGetValue(token, out var entry) ? Touch(entry) : null;
        }
    }

    public PreparedFrame? Find(FrameKey key)
    {
        lock (_gate)
        {
            return _byKey.TryGetValue(key, out var entry) ? Touch(entry) : null;
        }
    }

    /// <summary>Keeps <paramref name="frame"/>, making room first; returns the frame now cached under the key (another open may have won).</summary>
    public PreparedFrame Add(FrameKey key, PreparedFrame frame, long bytes)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            DropExpired(now);
            if (_byKey.TryGetValue(key, out var existing))
            {
                return Touch(existing)!;
            }

            var share = _users.TryGetValue(key.User, out var found) ? found : _users[key.User] = new UserShare();
            while (share.Recent.Last is { } oldest && share.Bytes + bytes > options.MaxBytesPerUser)
            {
                Remove(oldest.Value);
            }

            while (_recent.Last is { } oldest && _totalBytes + bytes > options.MaxTotalBytes)
            {
                Remove(oldest.Value);
            }

            share = _users.TryGetValue(key.User, out found) ? found : _users[key.User] = new UserShare();
            var entry = new Entry(key, frame, bytes) { LastUsed = now };
            entry.Node = _recent.AddFirst(entry);
            entry.UserNode = share.Recent.AddFirst(entry);
            _byToken[frame.Token] = entry;
            _byKey[key] = entry;
            share.Bytes += bytes;
            _totalBytes += bytes;
            return frame;
        }
    }

    /// <summary>Drops every document of a sign-in that has ended.</summary>
    public void RemoveSignIn(string signIn)
    {
        lock (_gate)
        {
            foreach (var entry in _byKey.Values.Where(e => e.Key.SignIn == signIn).ToList())
            {
                Remove(entry);
            }
        }
    }

    private PreparedFrame? Touch(Entry entry)
    {
        var now = time.GetUtcNow();
        if (now - entry.LastUsed > _idle)
        {
            Remove(entry);
            return null;
        }

        entry.LastUsed = now;
        _recent.Remove(entry.Node!);
        _recent.AddFirst(entry.Node!);
        var userList = entry.UserNode!.List!;
        userList.Remove(entry.UserNode);
        userList.AddFirst(entry.UserNode);
        return entry.Frame;
    }

    /// <summary>The list is in order of last use, so expired entries are all at its end.</summary>
    private void DropExpired(DateTimeOffset now)
    {
        while (_recent.Last is { } oldest && now - oldest.Value.LastUsed > _idle)
        {
            Remove(oldest.Value);
        }
    }

    private void Remove(Entry entry)
    {
        _recent.Remove(entry.Node!);
        _byToken.Remove(entry.Frame.Token);
        _byKey.Remove(entry.Key);
        _totalBytes -= entry.Bytes;
        var share = _users[entry.Key.User];
        share.Recent.Remove(entry.UserNode!);
        share.Bytes -= entry.Bytes;
        if (share.Recent.Count == 0)
        {
            _users.Remove(entry.Key.User);
        }
    }

    private sealed class Entry(FrameKey key, PreparedFrame frame, long bytes)
    {
        public FrameKey Key { get; } = key;

        public PreparedFrame Frame { get; } = frame;

        public long Bytes { get; } = bytes;

        public DateTimeOffset LastUsed { get; set; }

        public LinkedListNode<Entry>? Node { get; set; }

        public LinkedListNode<Entry>? UserNode { get; set; }
    }

    private sealed class UserShare
    {
        public LinkedList<Entry> Recent { get; } = new();

        public long Bytes { get; set; }
    }
}
