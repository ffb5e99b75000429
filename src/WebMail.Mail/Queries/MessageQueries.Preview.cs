using MailKit;
using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;
using MimeKit.Utils;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;

namespace WebMail.Mail.Queries;

/// <summary>Attachment previews: the beginning of a text part, decoded with its own charset.</summary>
public sealed partial class MessageQueries
{
    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> decoded bytes of a part and decodes them with the part's declared
    /// charset (the same rules as a message body: unknown charsets fall back with a notice). Only the beginning of the
    /// part is fetched, so a large log file costs one bounded round trip.
    /// </summary>
    public Task<PartText> ReadPartTextAsync(MessageRef id, string partId, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        return _connection.RunAsync(async (context, ct) =>
        {
            var (folder, summary) = await FetchSummaryAsync(context, id, MessageSummaryItems.UniqueId | MessageSummaryItems.BodyStructure, ct).ConfigureAwait(false);
            var part = FindPart(summary.Body, partId) ?? throw new MailItemNotFoundException(MailFailureKind.AttachmentGone);

            // Transfer encodings at most triple the size (quoted-printable); base64 with line breaks adds ~37 %.
            var fetch = (int)Math.Min(part.Octets, (maxBytes * 3L) + 4);
            using var decoded = new MemoryStream();
            using (var filtered = new FilteredStream(decoded))
            {
                if (MimeUtils.TryParse(part.ContentTransferEncoding, out ContentEncoding encoding))
                {
                    filtered.Add(DecoderFilter.Create(encoding));
                }

                if (fetch > 0)
                {
                    using var raw = await folder.GetStreamAsync(summary.UniqueId, BodyStructureReader.Section(part), 0, fetch, ct).ConfigureAwait(false);
                    await raw.CopyToAsync(filtered, ct).ConfigureAwait(false);
                }

                await filtered.FlushAsync(ct).ConfigureAwait(false);
            }

            var bytes = decoded.GetBuffer().AsSpan(0, (int)decoded.Length);
            var truncated = bytes.Length > maxBytes || fetch < part.Octets;
            if (bytes.Length > maxBytes)
            {
                bytes = bytes[..maxBytes];
            }

            if (truncated)
            {
                bytes = bytes[..WholeCharacters(bytes)];
            }

            var text = TextDecoding.ToUnicode(bytes, part.ContentType.Charset);
            return new PartText(text.Text, truncated, part.Octets, text.CharsetNotice);
        }, cancellationToken);
    }

    /// <summary>Length without a UTF-8 sequence cut at the end, so a cut text is not mistaken for another charset.</summary>
    private static int WholeCharacters(ReadOnlySpan<byte> bytes)
    {
        for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
        {
            var b = bytes[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            // A lead byte: keep its sequence only if it is complete.
            var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? bytes.Length - back : bytes.Length;
        }

        return bytes.Length;
    }
}
