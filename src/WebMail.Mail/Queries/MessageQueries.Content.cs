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

    private Task<MessageBody> ReadBodyAsync(IMailFolder folder, IMessageSummary summary, BodyLayout layout, CancellationToken ct) =>
        MessageBodyReader.ReadAsync(folder, summary, layout, _options, ct);

    /// <summary>Describes one part (type, file name, size) from the message's structure, without fetching it.</summary>
    public Task<PartInfo> GetPartInfoAsync(MessageRef id, string partId, CancellationToken cancellationToken = default) =>
        _connection.RunAsync(async (context, ct) =>
        {
            var (_, summary) = await FetchSummaryAsync(context, id, MessageSummaryItems.UniqueId | MessageSummaryItems.BodyStructure, ct).ConfigureAwait(false);
            var part = FindPart(summary.Body, partId)
                ?? throw new MailItemNotFoundException(MailFailureKind.AttachmentGone);
            return ToPartInfo(part);
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
