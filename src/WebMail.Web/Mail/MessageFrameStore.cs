using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WebMail.Mail.Html;
using WebMail.Mail.Model;
using WebMail.Web.RemoteContent;

namespace WebMail.Web.Mail;

/// <summary>A sanitized message body waiting to be loaded by its sandboxed frame.</summary>
/// <param name="InlineParts">Parts the frame may load, by index in the cid URL.</param>
/// <param name="SignIn">The sign-in (its id) the document was prepared for; its tokens die with it. Empty: not bound (tests).</param>
/// <param name="OwnColours">The message sets text colours or backgrounds of its own: it keeps a light canvas in a dark page.</param>
public sealed record PreparedFrame(string Token, string UserName, MessageRef Message, string Html, bool AllowRemote, int BlockedRemoteCount, IReadOnlyList<AttachmentInfo> InlineParts, string SignIn = "", bool OwnColours = false);

/// <summary>A frame being prepared: its token is known at once, its document when <see cref="Ready"/> completes.</summary>
public sealed record PendingFrame(string Token, Task<PreparedFrame> Ready);

/// <summary>
/// Sanitizes a message's HTML for display and keeps it under an unguessable token, so the sandboxed frame
/// (and its cid: images) can fetch it with a plain GET that changes nothing. The same message opened again
/// by the same user reuses its document and token; the documents kept are bounded per user and in total
/// (<see cref="FrameOptions"/>), least recently shown first out.
/// </summary>
public sealed class MessageFrameStore
{
    /// <summary>Bytes counted per cached document beyond its text (records, lists, token).</summary>
    private const int EntryOverheadBytes = 512;

    private readonly MailHtmlSanitizer _sanitizer;
    private readonly FrameCache _cache;
    private readonly RemoteContentUrls? _remoteUrls;
    private readonly Dictionary<string, (FrameKey Key, PendingFrame Frame)> _pending = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _endedSignIns = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _remember;

    /// <param name="remoteUrls">Where remote images go when shown (the image proxy); without it they load directly.</param>
    public MessageFrameStore(MailHtmlSanitizer sanitizer, IOptions<FrameOptions> options, TimeProvider time, RemoteContentUrls? remoteUrls = null)
    {
        _sanitizer = sanitizer;
        _remoteUrls = remoteUrls;
        _time = time;
        _remember = TimeSpan.FromMinutes(options.Value.ExpireAfterIdleMinutes);
        _cache = new FrameCache(options.Value, time);
    }

    /// <summary>
    /// The sign-in has ended: its documents are dropped and its tokens (frame, cid images, proxied images) answer
    /// nothing from now on, also for a document still being cleaned. Remembered as long as a document could live.
    /// </summary>
    public void EndSignIn(string signIn)
    {
        if (signIn.Length == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        _endedSignIns[signIn] = now;
        _cache.RemoveSignIn(signIn);
        foreach (var (id, at) in _endedSignIns)
        {
            if (now - at > _remember)
            {
                _endedSignIns.TryRemove(id, out _);
            }
        }
    }

    private PreparedFrame? Live(PreparedFrame? frame) =>
        frame is not null && (frame.SignIn.Length == 0 || !_endedSignIns.ContainsKey(frame.SignIn)) ? frame : null;

    /// <summary>Bytes of documents cached for all users.</summary>
    public long CachedBytes => _cache.TotalBytes;

    /// <summary>Bytes of documents cached for <paramref name="userName"/>.</summary>
    public long CachedBytesOf(string userName) => _cache.BytesOf(userName.ToLowerInvariant());

    /// <param name="basePath">The app's base path ("/" or "/webmail/"), for the cid URLs.</param>
    /// <param name="signIn">The sign-in the document is for (its id): each sign-in gets its own token for a message.</param>
    public PreparedFrame Prepare(string userName, MessageView message, bool allowRemote, string basePath, string signIn = "")
    {
        var key = new FrameKey(userName.ToLowerInvariant(), signIn, message.Id, allowRemote);
        return _cache.Find(key) ?? Sanitize(key, NewToken(), userName, message, allowRemote, basePath);
    }

    /// <summary>
    /// Starts preparing the frame and returns its token at once, so the page can put the frame in place (and the
    /// browser can ask for it) while the message is still being cleaned on another thread; the frame's request
    /// waits for it (<see cref="GetAsync"/>). An already cached document is ready at once.
    /// </summary>
    public PendingFrame Begin(string userName, MessageView message, bool allowRemote, string basePath, string signIn = "")
    {
        var key = new FrameKey(userName.ToLowerInvariant(), signIn, message.Id, allowRemote);
        if (_cache.Find(key) is { } cached)
        {
            return new PendingFrame(cached.Token, Task.FromResult(cached));
        }

        lock (_pending)
        {
            foreach (var (runningKey, running) in _pending.Values)
            {
                if (runningKey == key)
                {
                    return running;
                }
            }

            var token = NewToken();
            var ready = Task.Run(() => Sanitize(key, token, userName, message, allowRemote, basePath));
            var pending = new PendingFrame(token, ready);
            _pending[token] = (key, pending);
            _ = ready.ContinueWith(_ => Forget(token), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return pending;
        }
    }

    /// <summary>The document under <paramref name="token"/>, waiting for it if it is still being cleaned; null once dropped or expired.</summary>
    public async Task<PreparedFrame?> GetAsync(string token)
    {
        if (_cache.Get(token) is { } ready)
        {
            return Live(ready);
        }

        PendingFrame? pending;
        lock (_pending)
        {
            pending = _pending.TryGetValue(token, out var entry) ? entry.Frame : null;
        }

        return Live(pending is null ? _cache.Get(token) : await pending.Ready.ConfigureAwait(false));
    }

    private void Forget(string token)
    {
        lock (_pending)
        {
            _pending.Remove(token);
        }
    }

    private static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private PreparedFrame Sanitize(FrameKey key, string token, string userName, MessageView message, bool allowRemote, string basePath)
    {
        var parts = new List<AttachmentInfo>();
        allowRemote &= _remoteUrls?.Mode is not RemoteContentMode.Off;
        var rewriteRemote = allowRemote ? _remoteUrls?.RewriterFor(basePath, token) : null;
        var sanitized = _sanitizer.Sanitize(message.Body.Html ?? "", new SanitizeOptions(allowRemote, cid =>
        {
            if (!message.Body.InlineParts.TryGetValue(cid, out var part) || !IsImage(part.ContentType))
            {
                return null;
            }

            parts.Add(part);
            return $"{basePath}mail/frame/{token}/cid/{parts.Count - 1}";
        }, rewriteRemote));
        var frame = new PreparedFrame(token, userName, message.Id, sanitized.Html, allowRemote, sanitized.BlockedRemoteCount, parts, key.SignIn,
            MailColours.SetsOwnColours(sanitized.Html));
        return _cache.Add(key, frame, (sanitized.Html.Length * 2L) + EntryOverheadBytes);
    }

    /// <summary>The document under <paramref name="token"/>, or null once it was dropped or expired.</summary>
    public PreparedFrame? Get(string token) => Live(_cache.Get(token));

    /// <summary>Raster image types a frame may show inline; SVG and everything else never are.</summary>
    public static bool IsImage(string contentType) =>
        contentType is "image/png" or "image/jpeg" or "image/jpg" or "image/gif" or "image/webp" or "image/bmp" or "image/avif";
}
