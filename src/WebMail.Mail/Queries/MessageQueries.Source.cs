using System.Buffers;
using MailKit;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;

namespace WebMail.Mail.Queries;

/// <summary>The message as the server stores it (raw RFC 822 bytes), and its attachments as a set.</summary>
public sealed partial class MessageQueries
{
    private static readonly IFetchRequest SourceRequest = new FetchRequest(
        MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Size | MessageSummaryItems.BodyStructure,
        [HeaderId.Subject]);

    /// <summary>
    /// What a download of the message or of its attachments needs before the first byte: the subject (for the file
    /// name), the size, and every attachment part. One FETCH, no content; a message that is gone is a
    /// <see cref="MailItemNotFoundException"/>.
    /// </summary>
    public Task<MessageSourceInfo> GetSourceInfoAsync(MessageRef id, CancellationToken cancellationToken = default) =>
        _connection.RunAsync(async (context, ct) =>
        {
            var (_, summary) = await FetchSummaryAsync(context, id, SourceRequest, ct).ConfigureAwait(false);
            var parts = BodyStructureReader.Read(summary.Body).Attachments
                .Select(a => FindPart(summary.Body, a.PartId) is { } part ? ToPartInfo(part) : null)
                .OfType<PartInfo>()
                .ToList();
            return new MessageSourceInfo(Subject(summary), summary.Size ?? 0, parts);
        }, cancellationToken);

    /// <summary>
    /// Copies the raw message (BODY.PEEK[], byte for byte, no transcoding) to <paramref name="destination"/> in chunks of
    /// <see cref="StreamChunkBytes"/> through one reused buffer: the message is never held whole in memory, other
    /// commands of the user run between chunks, and \Seen is not set.
    /// </summary>
    public async Task CopyRawToAsync(MessageRef id, Stream destination, CancellationToken cancellationToken = default)
    {
        var uid = new UniqueId(id.UidValidity, id.Uid);
        var buffer = ArrayPool<byte>.Shared.Rent(StreamChunkBytes);
        try
        {
            for (var offset = 0; ; offset += StreamChunkBytes)
            {
                var start = offset;
                var read = await _connection.RunAsync(async (context, ct) =>
                {
                    var folder = await context.OpenForAsync(id, ct).ConfigureAwait(false);
                    try
                    {
                        using var stream = await folder.GetStreamAsync(uid, start, StreamChunkBytes, ct).ConfigureAwait(false);
                        return await ReadFullyAsync(stream, buffer.AsMemory(0, StreamChunkBytes), ct).ConfigureAwait(false);
                    }
                    catch (MessageNotFoundException)
                    {
                        throw new MailItemNotFoundException(MailFailureKind.MessageGone);
                    }
                }, cancellationToken).ConfigureAwait(false);

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                if (read < StreamChunkBytes)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ReadFullyAsync(Stream source, Memory<byte> buffer, CancellationToken ct)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = await source.ReadAsync(buffer[total..], ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static PartInfo ToPartInfo(BodyPartBasic part) => new(
        BodyStructureReader.Section(part),
        part.ContentType.MimeType.ToLowerInvariant(),
        FileNames.Safe(part.FileName ?? part.ContentType.Name, part is BodyPartMessage ? "message.eml" : "attachment"),
        part.Octets,
        part.ContentTransferEncoding ?? "7bit");
}
