using MailKit;
using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;
using MimeKit.Utils;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;

namespace WebMail.Mail.Queries;

/// <summary>Bodies and parts: the shown text part decoded, attachments streamed in chunks.</summary>
public sealed partial class MessageQueries
{
    /// <summary>Bytes fetched per IMAP round trip while streaming a part.</summary>
    internal const int StreamChunkBytes = 256 * 1024;

    private async Task<MessageBody> ReadBodyAsync(IMailFolder folder, IMessageSummary summary, BodyLayout layout, CancellationToken ct)
    {
        var part = layout.HtmlPart ?? layout.TextPart;
        var uid = summary.UniqueId;
        if (part is null or { Octets: 0 } && summary.Body is BodyPartMultipart && layout.Attachments.Count == 0)
        {
            // A multipart whose boundary never appears parses as one empty part: show the raw body as text
            // rather than nothing, so the reader still sees what the sender wrote.
            using var rawBody = await folder.GetStreamAsync(uid, "TEXT", 0, _options.MaxDisplayedBodyBytes, ct).ConfigureAwait(false);
            return new MessageBody(null, TextDecoding.Decode(rawBody, null, null), layout.InlineParts, rawBody.Length >= _options.MaxDisplayedBodyBytes);
        }

        if (part is null)
        {
            return MessageBody.Empty with { InlineParts = layout.InlineParts };
        }

        var truncated = part.Octets > (uint)_options.MaxDisplayedBodyBytes;
        string text;
        if (!truncated)
        {
            var entity = await folder.GetBodyPartAsync(uid, part, ct).ConfigureAwait(false);
            text = entity is TextPart tp ? TextDecoding.GetText(tp) : "";
        }
        else
        {
            // Only the first MaxDisplayedBodyBytes of an oversized text part are fetched and decoded.
            using var raw = await folder.GetStreamAsync(uid, BodyStructureReader.Section(part), 0, _options.MaxDisplayedBodyBytes, ct).ConfigureAwait(false);
            text = TextDecoding.Decode(raw, part.ContentTransferEncoding, part.ContentType.Charset);
        }

        return layout.HtmlPart is not null
            ? new MessageBody(text, null, layout.InlineParts, truncated)
            : new MessageBody(null, text, layout.InlineParts, truncated);
    }

    /// <summary>Describes one part (type, file name, size) from the message's structure, without fetching it.</summary>
    public Task<PartInfo> GetPartInfoAsync(MessageRef id, string partId, CancellationToken cancellationToken = default) =>
        _connection.RunAsync(async (context, ct) =>
        {
            var (_, summary) = await FetchSummaryAsync(context, id, MessageSummaryItems.UniqueId | MessageSummaryItems.BodyStructure, ct).ConfigureAwait(false);
            var part = FindPart(summary.Body, partId)
                ?? throw new MailItemNotFoundException("This attachment no longer exists.");
            var name = FileNames.Safe(part.FileName ?? part.ContentType.Name, part is BodyPartMessage ? "message.eml" : "attachment");
            return new PartInfo(BodyStructureReader.Section(part), part.ContentType.MimeType.ToLowerInvariant(), name, part.Octets, part.ContentTransferEncoding ?? "7bit");
        }, cancellationToken);

    /// <summary>
    /// Copies a part, decoded, to <paramref name="destination"/> in chunks of <see cref="StreamChunkBytes"/>;
    /// the whole part is never held in memory, and other commands of the user run between chunks.
    /// </summary>
    public async Task CopyPartToAsync(MessageRef id, PartInfo part, Stream destination, CancellationToken cancellationToken = default)
    {
        using var filtered = new FilteredStream(destination);
        if (part.TransferEncoding is not null && MimeUtils.TryParse(part.TransferEncoding, out ContentEncoding encoding))
        {
            filtered.Add(DecoderFilter.Create(encoding));
        }

        var uid = new UniqueId(id.UidValidity, id.Uid);
        for (long offset = 0; ; offset += StreamChunkBytes)
        {
            var chunk = await _connection.RunAsync(async (context, ct) =>
            {
                var folder = await context.OpenForAsync(id, ct).ConfigureAwait(false);
                var buffer = new MemoryStream();
                using (var stream = await folder.GetStreamAsync(uid, part.PartId, (int)offset, StreamChunkBytes, ct).ConfigureAwait(false))
                {
                    await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
                }

                buffer.Position = 0;
                return buffer;
            }, cancellationToken).ConfigureAwait(false);

            await using (chunk.ConfigureAwait(false))
            {
                await chunk.CopyToAsync(filtered, cancellationToken).ConfigureAwait(false);
                if (chunk.Length < StreamChunkBytes)
                {
                    break;
                }
            }
        }

        await filtered.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static BodyPartBasic? FindPart(BodyPart? root, string partId)
    {
        if (root is BodyPartBasic single && BodyStructureReader.Section(single) == partId)
        {
            return single;
        }

        return root is BodyPartMultipart multi
            ? multi.BodyParts.Select(child => FindPart(child, partId)).FirstOrDefault(found => found is not null)
            : null;
    }
}
