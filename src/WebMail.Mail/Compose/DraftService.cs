using AngleSharp.Html.Parser;
using MailKit;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Queries;
using WebMail.Mail.Rendering;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Compose;

/// <summary>Drafts: new replies and forwards built from the original, saved to Drafts (replacing the previous copy), reopened.</summary>
public sealed class DraftService
{
    internal const string ReplyHeader = "X-WebMail-Reply";
    private readonly MailConnection _connection;
    private readonly MessageQueries _messages;

    internal DraftService(MailConnection connection, MessageQueries messages)
    {
        _connection = connection;
        _messages = messages;
    }

    /// <summary>A new draft answering or forwarding <paramref name="original"/>, with subject, recipients, quote and (for forwards) attachments.</summary>
    /// <param name="ownAddresses">The user's own addresses, left out of reply-all.</param>
    /// <param name="tempDirectory">Where forwarded attachments are written (the caller cleans it up).</param>
    /// <param name="wording">The attribution's words and date in the user's language (English when null).</param>
    public async Task<Draft> CreateReplyAsync(
        MessageRef original, ReplyKind kind, string from, IReadOnlyCollection<string> ownAddresses, string tempDirectory, ReplyWording? wording = null, CancellationToken cancellationToken = default)
    {
        var view = await _messages.GetMessageAsync(original, cancellationToken).ConfigureAwait(false);
        var (messageId, references) = await _connection.RunAsync(async (context, ct) =>
        {
            var (_, summary) = await MessageQueries.FetchSummaryAsync(context, original, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.References, ct).ConfigureAwait(false);
            IReadOnlyList<string> refs = summary.References is { } list ? [.. list] : [];
            return (summary.Envelope?.MessageId, refs);
        }, cancellationToken).ConfigureAwait(false);

        var originalText = view.Body.Text ?? HtmlToText(view.Body.Html);
        var (to, cc) = ReplyBuilder.Recipients(view, kind, ownAddresses);
        var attachments = new List<DraftAttachment>();
        if (kind == ReplyKind.Forward)
        {
            foreach (var a in view.Attachments)
            {
                attachments.Add(await DownloadAsync(original, a.PartId, a.FileName, a.ContentType, tempDirectory, cancellationToken).ConfigureAwait(false));
            }
        }
        else if (kind == ReplyKind.ForwardAsAttachment)
        {
            var name = FileNames.Safe(view.Subject, "message") + ".eml";
            attachments.Add(await DownloadAsync(original, "", name, "message/rfc822", tempDirectory, cancellationToken).ConfigureAwait(false));
        }

        var quote = kind == ReplyKind.ForwardAsAttachment ? "" : ReplyBuilder.QuotedText(view, originalText, kind, wording);
        return new Draft(from, to, cc, "", ReplyBuilder.Subject(view.Subject, kind), null, quote, attachments, new ReplyContext(original, kind, messageId, references));
    }

    /// <summary>Saves the draft to the Drafts folder, replacing its previous copies (by <see cref="Draft.SavedAs"/> and compose id); returns where it now is.</summary>
    public Task<MessageRef> SaveDraftAsync(Draft draft, CancellationToken cancellationToken = default) =>
        _connection.RunAsync(async (context, ct) =>
        {
            using var message = MessageBuilder.ForDrafts(draft, DateTimeOffset.Now);
            if (draft.Reply is { } reply)
            {
                message.Headers.Add(ReplyHeader, $"{reply.Kind} {reply.Original.ToToken()}");
            }

            var drafts = await context.GetSpecialFolderAsync(FolderRole.Drafts, ct).ConfigureAwait(false);
            var uid = await drafts.AppendAsync(new AppendRequest(message, MessageFlags.Draft | MessageFlags.Seen), ct).ConfigureAwait(false)
                ?? throw new MailCommandException(MailFailureKind.DraftNotLocated);
            await RemoveDraftCopiesAsync(context, draft, uid, ct).ConfigureAwait(false);
            return new MessageRef(drafts.FullName, uid.Validity, uid.Id);
        }, cancellationToken, UploadTimeout(draft));

    /// <summary>A deadline that grows with what has to be uploaded (attachments), beyond the per-command timeout.</summary>
    internal TimeSpan UploadTimeout(Draft draft) =>
        _connection.CommandTimeout + TimeSpan.FromSeconds(draft.Attachments.Sum(a => a.Size) / (1024 * 1024));

    /// <summary>The newest saved draft of compose session <paramref name="composeId"/>, or null when there is none.</summary>
    public Task<MessageRef?> FindDraftAsync(Guid composeId, CancellationToken cancellationToken = default) =>
        _connection.RunAsync(async (context, ct) =>
        {
            var drafts = await context.SelectAsync((await context.GetSpecialFolderAsync(FolderRole.Drafts, ct).ConfigureAwait(false)).FullName, ct).ConfigureAwait(false);
            var found = await DraftLookup.FindAsync(drafts, composeId, ct).ConfigureAwait(false);
            return found.Count == 0 ? (MessageRef?)null : new MessageRef(drafts.FullName, drafts.UidValidity, found[^1].Id);
        }, cancellationToken);

    /// <summary>Removes the previous copy of a draft and every older copy of its compose session (all of them when <paramref name="keep"/> is null).</summary>
    internal static async Task RemoveDraftCopiesAsync(ImapContext context, Draft draft, UniqueId? keep, CancellationToken ct)
    {
        if (draft.SavedAs is { } previous && (keep is not { } k || previous.Uid != k.Id))
        {
            await context.DeleteForGoodAsync(previous, ct).ConfigureAwait(false);
        }

        if (draft.ComposeId is { } composeId)
        {
            var drafts = await context.SelectAsync((await context.GetSpecialFolderAsync(FolderRole.Drafts, ct).ConfigureAwait(false)).FullName, ct).ConfigureAwait(false);
            await DraftLookup.RemoveOlderAsync(drafts, composeId, keep, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The newest saved draft of compose session <paramref name="composeId"/>, opened, or null when there is none.
    /// A save (another tab's, or a beacon after a restart) can replace the copy between finding and opening it:
    /// then the newer copy is found and opened.
    /// </summary>
    public async Task<(MessageRef Id, Draft Draft)?> OpenLatestDraftAsync(Guid composeId, string tempDirectory, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await FindDraftAsync(composeId, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                return null;
            }

            try
            {
                return (found, await OpenDraftAsync(found, tempDirectory, cancellationToken).ConfigureAwait(false));
            }
            catch (MailItemNotFoundException) when (attempt < 3)
            {
                // Replaced by a newer copy meanwhile.
            }
        }
    }

    /// <summary>Reopens a saved draft to continue it, with its attachments written to <paramref name="tempDirectory"/>.</summary>
    public async Task<Draft> OpenDraftAsync(MessageRef id, string tempDirectory, CancellationToken cancellationToken = default)
    {
        var message = await _connection.RunAsync(async (context, ct) =>
        {
            var folder = await context.OpenForAsync(id, ct).ConfigureAwait(false);
            try
            {
                return await folder.GetMessageAsync(new UniqueId(id.UidValidity, id.Uid), ct).ConfigureAwait(false);
            }
            catch (MessageNotFoundException)
            {
                throw new MailItemNotFoundException(MailFailureKind.DraftGone);
            }
        }, cancellationToken).ConfigureAwait(false);

        var attachments = new List<DraftAttachment>();
        foreach (var part in message.Attachments)
        {
            Directory.CreateDirectory(tempDirectory);
            var path = Path.Combine(tempDirectory, Guid.NewGuid().ToString("N"));
            await using (var file = File.Create(path))
            {
                if (part is MessagePart { Message: { } inner })
                {
                    await inner.WriteToAsync(file, cancellationToken).ConfigureAwait(false);
                }
                else if (part is MimePart mime && mime.Content is { } content)
                {
                    await content.DecodeToAsync(file, cancellationToken).ConfigureAwait(false);
                }
            }

            var name = FileNames.Safe(part.ContentDisposition?.FileName ?? part.ContentType.Name, "attachment");
            attachments.Add(new DraftAttachment(name, part.ContentType.MimeType, path, new FileInfo(path).Length));
        }

        ReplyContext? reply = null;
        if (message.Headers[ReplyHeader]?.Split(' ') is [var kind, var token] && Enum.TryParse<ReplyKind>(kind, out var replyKind) && MessageRef.TryParse(token, out var original))
        {
            reply = new ReplyContext(original, replyKind, message.InReplyTo, [.. message.References.Where(r => r != message.InReplyTo)]);
        }

        return new Draft(
            message.From.ToString(), message.Headers[HeaderId.To] ?? "", message.Headers[HeaderId.Cc] ?? "", message.Headers[HeaderId.Bcc] ?? "",
            message.Subject ?? "", message.HtmlBody, message.TextBody ?? "", attachments, reply, id)
        {
            ComposeId = DraftLookup.Parse(message.Headers[DraftLookup.ComposeIdHeader]),
            RequestReadReceipt = message.Headers.Contains("Disposition-Notification-To"),
            SavedAt = message.Date == DateTimeOffset.MinValue ? null : message.Date,
        };
    }

    private async Task<DraftAttachment> DownloadAsync(MessageRef message, string partId, string fileName, string contentType, string tempDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(tempDirectory);
        var path = Path.Combine(tempDirectory, Guid.NewGuid().ToString("N"));
        var info = partId.Length == 0
            ? new PartInfo("", "message/rfc822", fileName, 0, "7bit")
            : await _messages.GetPartInfoAsync(message, partId, ct).ConfigureAwait(false);
        await using (var file = File.Create(path))
        {
            await _messages.CopyPartToAsync(message, info, file, ct).ConfigureAwait(false);
        }

        return new DraftAttachment(fileName, contentType, path, new FileInfo(path).Length);
    }

    private static string HtmlToText(string? html) =>
        string.IsNullOrEmpty(html) ? "" : new HtmlParser().ParseDocument(html).Body?.TextContent.Trim() ?? "";
}
