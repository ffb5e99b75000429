using MailKit;
using MimeKit;
using WebMail.Mail.Configuration;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Queries;

/// <summary>Message pages, opened messages and their parts: only what is in view is fetched.</summary>
public sealed partial class MessageQueries
{
    internal const MessageSummaryItems RowItems =
        MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.Size | MessageSummaryItems.BodyStructure;

    /// <summary>What a row needs: the items above plus the raw Subject and From, for the charsets MimeKit cannot decode (UTF-7).</summary>
    internal static readonly IFetchRequest RowRequest = new FetchRequest(RowItems, [HeaderId.Subject, HeaderId.From]);

    // The whole header (BODY.PEEK[HEADER]): the reader's "All headers", the sender's verdict, List-Unsubscribe and receipt requests come from it.
    private static readonly IFetchRequest OpenRequest = new FetchRequest(RowItems | MessageSummaryItems.InternalDate | MessageSummaryItems.Headers);

    private readonly MailConnection _connection;
    private readonly MailSessionOptions _options;

    internal MessageQueries(MailConnection connection, MailSessionOptions options)
    {
        _connection = connection;
        _options = options;
    }

    /// <summary>Reads <paramref name="count"/> rows of a folder starting at <paramref name="startIndex"/> (0 = newest), fetching only those.</summary>
    /// <param name="fresh">
    /// Nothing watches the connection (no IDLE): if the folder was already selected, ask the server for news first
    /// (NOOP), or the page would be cut at the count it had when it was selected.
    /// </param>
    public Task<MessagePage> GetMessagesAsync(string folderPath, int startIndex, int count, CancellationToken cancellationToken = default, bool fresh = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return _connection.RunAsync(async (context, ct) =>
        {
            var wasSelected = context.Selected is { IsOpen: true } selected && selected.FullName == folderPath;
            var folder = await context.SelectAsync(folderPath, ct).ConfigureAwait(false);
            if (fresh && wasSelected)
            {
                await context.Client.NoOpAsync(ct).ConfigureAwait(false);
            }

            var total = folder.Count;
            var first = total - 1 - startIndex;
            var last = Math.Max(0, total - startIndex - count);
            if (first < 0 || count == 0)
            {
                return new MessagePage(folderPath, folder.UidValidity, total, startIndex, []);
            }

            var summaries = await folder.FetchAsync(last, first, RowRequest, ct).ConfigureAwait(false);
            var rows = summaries.OrderByDescending(s => s.Index).Select(s => ToRow(folderPath, folder.UidValidity, s)).ToList();
            return new MessagePage(folderPath, folder.UidValidity, total, startIndex, rows);
        }, cancellationToken);
    }

    internal static MessageRow ToRow(string folder, uint validity, IMessageSummary s)
    {
        var flags = s.Flags ?? MessageFlags.None;
        return new MessageRow(
            new MessageRef(folder, validity, s.UniqueId.Id),
            From(s),
            Addresses.All(s.Envelope?.To),
            Subject(s),
            s.Envelope?.Date ?? s.InternalDate ?? DateTimeOffset.MinValue,
            s.Size ?? 0,
            flags.HasFlag(MessageFlags.Seen),
            flags.HasFlag(MessageFlags.Flagged),
            flags.HasFlag(MessageFlags.Answered),
            BodyStructureReader.HasAttachments(s.Body),
            Keywords(s.Keywords));
    }

    /// <summary>The keywords of a FETCH FLAGS answer, in a stable order.</summary>
    internal static IReadOnlyList<string> Keywords(IEnumerable<string>? keywords) =>
        keywords is null ? [] : [.. keywords.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Opens a message: envelope, flags and structure in one round trip, then only the text part that is shown in a
    /// second. Nothing is written (\Seen is the caller's decision, after the body is visible).
    /// </summary>
    public Task<MessageView> GetMessageAsync(MessageRef id, CancellationToken cancellationToken = default) =>
        _connection.RunAsync(async (context, ct) =>
        {
            var (folder, summary) = await FetchSummaryAsync(context, id, OpenRequest, ct).ConfigureAwait(false);
            var layout = BodyStructureReader.Read(summary.Body);
            var body = await ReadBodyAsync(folder, summary, layout, ct).ConfigureAwait(false);
            var flags = summary.Flags ?? MessageFlags.None;
            var env = summary.Envelope;
            return new MessageView(
                id,
                Subject(summary),
                From(summary),
                Addresses.All(env?.To),
                Addresses.All(env?.Cc),
                Addresses.All(env?.ReplyTo),
                env?.Date ?? summary.InternalDate ?? DateTimeOffset.MinValue,
                summary.Size ?? 0,
                flags.HasFlag(MessageFlags.Seen),
                flags.HasFlag(MessageFlags.Flagged),
                body,
                layout.Attachments)
            {
                Headers = summary.Headers ?? [],
                Calendar = WebMail.Mail.Calendar.CalendarPart.Find(summary.Body),
                Signed = Signatures.SignedPartFinder.Find(summary.Body),
                Keywords = Keywords(summary.Keywords),
            };
        }, cancellationToken);

    private static string Subject(IMessageSummary s) =>
        Headers.Subject(EncodedWords.DecodeUtf7Aware(Raw(s, HeaderId.Subject)) ?? s.Envelope?.Subject);

    private static MailAddress? From(IMessageSummary s) =>
        EncodedWords.DecodeUtf7Aware(Raw(s, HeaderId.From)) is { } decoded && InternetAddressList.TryParse(decoded, out var list)
            ? Addresses.First(list)
            : Addresses.First(s.Envelope?.From);

    private static byte[]? Raw(IMessageSummary s, HeaderId id) => s.Headers?.FirstOrDefault(h => h.Id == id)?.RawValue;

    internal static Task<(IMailFolder Folder, IMessageSummary Summary)> FetchSummaryAsync(ImapContext context, MessageRef id, MessageSummaryItems items, CancellationToken ct) =>
        FetchSummaryAsync(context, id, new FetchRequest(items), ct);

    /// <summary>The message's folder selected and its summary fetched; a message that is gone is a <see cref="MailItemNotFoundException"/>.</summary>
    internal static async Task<(IMailFolder Folder, IMessageSummary Summary)> FetchSummaryAsync(ImapContext context, MessageRef id, IFetchRequest items, CancellationToken ct)
    {
        var folder = await context.SelectAsync(id.Folder, ct).ConfigureAwait(false);
        if (folder.UidValidity != id.UidValidity)
        {
            throw new MailItemNotFoundException(MailFailureKind.MessageGoneFolderChanged);
        }

        var found = await folder.FetchAsync([new UniqueId(id.UidValidity, id.Uid)], items, ct).ConfigureAwait(false);
        return found.Count == 0
            ? throw new MailItemNotFoundException(MailFailureKind.MessageGone)
            : (folder, found[0]);
    }
}
