using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;

namespace WebMail.Mail.Sessions;

public sealed partial class UserMailSession
{
    private const MessageSummaryItems RowItems =
        MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.Size | MessageSummaryItems.BodyStructure;

    /// <summary>Reads <paramref name="count"/> rows of a folder starting at <paramref name="startIndex"/> (0 = newest), fetching only those.</summary>
    public Task<MessagePage> GetMessagesAsync(string folderPath, int startIndex, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return RunAsync(async (client, ct) =>
        {
            var folder = await SelectAsync(client, folderPath, ct).ConfigureAwait(false);
            var total = folder.Count;
            var first = total - 1 - startIndex;
            var last = Math.Max(0, total - startIndex - count);
            if (first < 0 || count == 0)
            {
                return new MessagePage(folderPath, folder.UidValidity, total, startIndex, []);
            }

            var summaries = await folder.FetchAsync(last, first, RowItems, ct).ConfigureAwait(false);
            var rows = summaries.OrderByDescending(s => s.Index).Select(s => ToRow(folderPath, folder.UidValidity, s)).ToList();
            return new MessagePage(folderPath, folder.UidValidity, total, startIndex, rows);
        }, cancellationToken);
    }

    private static MessageRow ToRow(string folder, uint validity, IMessageSummary s)
    {
        var flags = s.Flags ?? MessageFlags.None;
        return new MessageRow(
            new MessageRef(folder, validity, s.UniqueId.Id),
            Addresses.First(s.Envelope?.From),
            Addresses.All(s.Envelope?.To),
            Headers.Subject(s.Envelope?.Subject),
            s.Envelope?.Date ?? s.InternalDate ?? DateTimeOffset.MinValue,
            s.Size ?? 0,
            flags.HasFlag(MessageFlags.Seen),
            flags.HasFlag(MessageFlags.Flagged),
            flags.HasFlag(MessageFlags.Answered),
            BodyStructureReader.HasAttachments(s.Body));
    }

    /// <summary>Opens a message: envelope, structure, and only the text part that is shown.</summary>
    public Task<MessageView> GetMessageAsync(MessageRef id, CancellationToken cancellationToken = default) =>
        RunAsync(async (client, ct) =>
        {
            var (folder, summary) = await FetchSummaryAsync(client, id, RowItems | MessageSummaryItems.InternalDate, ct).ConfigureAwait(false);
            var layout = BodyStructureReader.Read(summary.Body);
            var body = await ReadBodyAsync(folder, summary, layout, ct).ConfigureAwait(false);
            var flags = summary.Flags ?? MessageFlags.None;
            var env = summary.Envelope;
            return new MessageView(
                id,
                Headers.Subject(env?.Subject),
                Addresses.First(env?.From),
                Addresses.All(env?.To),
                Addresses.All(env?.Cc),
                Addresses.All(env?.ReplyTo),
                env?.Date ?? summary.InternalDate ?? DateTimeOffset.MinValue,
                summary.Size ?? 0,
                flags.HasFlag(MessageFlags.Seen),
                flags.HasFlag(MessageFlags.Flagged),
                body,
                layout.Attachments);
        }, cancellationToken);

    private async Task<(IMailFolder Folder, IMessageSummary Summary)> FetchSummaryAsync(ImapClient client, MessageRef id, MessageSummaryItems items, CancellationToken ct)
    {
        var folder = await SelectAsync(client, id.Folder, ct).ConfigureAwait(false);
        if (folder.UidValidity != id.UidValidity)
        {
            throw new MailItemNotFoundException("This message no longer exists; the folder was changed on the server.");
        }

        var found = await folder.FetchAsync([new UniqueId(id.UidValidity, id.Uid)], items, ct).ConfigureAwait(false);
        return found.Count == 0
            ? throw new MailItemNotFoundException("This message no longer exists. It may have been moved or deleted in another window.")
            : (folder, found[0]);
    }

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
}
