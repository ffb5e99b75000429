using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using WebMail.Mail.Html;
using WebMail.Mail.Model;

namespace WebMail.Web.Mail;

/// <summary>A sanitized message body waiting to be loaded by its sandboxed frame.</summary>
/// <param name="InlineParts">Parts the frame may load, by index in the cid URL.</param>
public sealed record PreparedFrame(string Token, string UserName, MessageRef Message, string Html, bool AllowRemote, int BlockedRemoteCount, IReadOnlyList<AttachmentInfo> InlineParts);

/// <summary>
/// Sanitizes a message's HTML for display and keeps it for a short while under an unguessable token,
/// so the sandboxed frame (and its cid: images) can fetch it with a plain GET that changes nothing.
/// </summary>
public sealed class MessageFrameStore(IMemoryCache cache, MailHtmlSanitizer sanitizer)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <param name="basePath">The app's base path ("/" or "/webmail/"), for the cid URLs.</param>
    public PreparedFrame Prepare(string userName, MessageView message, bool allowRemote, string basePath)
    {
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var parts = new List<AttachmentInfo>();
        var sanitized = sanitizer.Sanitize(message.Body.Html ?? "", new SanitizeOptions(allowRemote, cid =>
        {
            if (!message.Body.InlineParts.TryGetValue(cid, out var part) || !IsImage(part.ContentType))
            {
                return null;
            }

            parts.Add(part);
            return $"{basePath}mail/frame/{token}/cid/{parts.Count - 1}";
        }));
        var frame = new PreparedFrame(token, userName, message.Id, sanitized.Html, allowRemote, sanitized.BlockedRemoteCount, parts);
        cache.Set(Key(token), frame, Lifetime);
        return frame;
    }

    public PreparedFrame? Get(string token) => cache.Get<PreparedFrame>(Key(token));

    /// <summary>Raster image types a frame may show inline; SVG and everything else never are.</summary>
    public static bool IsImage(string contentType) =>
        contentType is "image/png" or "image/jpeg" or "image/jpg" or "image/gif" or "image/webp" or "image/bmp" or "image/avif";

    private static string Key(string token) => "frame:" + token;
}
