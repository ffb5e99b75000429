using AngleSharp.Html.Parser;
using MailKit;
using MimeKit;
using WebMail.Mail.Compose;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;
using WebMail.Mail.Sending;

namespace WebMail.Mail.Sessions;

public sealed partial class UserMailSession
{
    private const string ReplyHeader = "X-WebMail-Reply";

    /// <summary>A new draft answering or forwarding <paramref name="original"/>, with subject, recipients, quote and (for forwards) attachments.</summary>
    /// <param name="ownAddresses">The user's own addresses, left out of reply-all.</param>
    /// <param name="tempDirectory">Where forwarded attachments are written (the caller cleans it up).</param>
    public async Task<Draft> CreateReplyAsync(MessageRef original, ReplyKind kind, string from, IReadOnlyCollection<string> ownAddresses, string tempDirectory, CancellationToken cancellationToken = default)
    {
        var view = await GetMessageAsync(original, cancellationToken).ConfigureAwait(false);
        var (messageId, references) = await RunAsync(async (client, ct) =>
        {
            var (_, summary) = await FetchSummaryAsync(client, original, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.References, ct).ConfigureAwait(false);
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

        var quote = kind == ReplyKind.ForwardAsAttachment ? "" : ReplyBuilder.QuotedText(view, originalText, kind);
        return new Draft(from, to, cc, "", ReplyBuilder.Subject(view.Subject, kind), null, quote, attachments, new ReplyContext(original, kind, messageId, references));
    }

    /// <summary>Saves the draft to the Drafts folder, replacing its previous copy; returns where it now is.</summary>
    public Task<MessageRef> SaveDraftAsync(Draft draft, CancellationToken cancellationToken = default) =>
        RunAsync(async (client, ct) =>
        {
            var message = MessageBuilder.ForDrafts(draft, DateTimeOffset.Now);
            if (draft.Reply is { } reply)
            {
                message.Headers.Add(ReplyHeader, $"{reply.Kind} {reply.Original.ToToken()}");
            }

            var drafts = await GetSpecialFolderAsync(client, FolderRole.Drafts, ct).ConfigureAwait(false);
            var uid = await drafts.AppendAsync(new AppendRequest(message, MessageFlags.Draft | MessageFlags.Seen), ct).ConfigureAwait(false)
                ?? throw new MailCommandException("The mail server saved the draft without saying where (no UIDPLUS).");
            if (draft.SavedAs is { } previous)
            {
                await DeleteFromAsync(client, previous, ct).ConfigureAwait(false);
            }

            return new MessageRef(drafts.FullName, uid.Validity, uid.Id);
        }, cancellationToken);

    /// <summary>Reopens a saved draft to continue it, with its attachments written to <paramref name="tempDirectory"/>.</summary>
    public async Task<Draft> OpenDraftAsync(MessageRef id, string tempDirectory, CancellationToken cancellationToken = default)
    {
        var message = await RunAsync(async (client, ct) =>
        {
            var folder = await OpenForAsync(client, id, ct).ConfigureAwait(false);
            return await folder.GetMessageAsync(new UniqueId(id.UidValidity, id.Uid), ct).ConfigureAwait(false);
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
            message.Subject ?? "", message.HtmlBody, message.TextBody ?? "", attachments, reply, id);
    }

    /// <summary>
    /// Sends the draft through SMTP with the user's credential, files a copy in Sent (unless the server does),
    /// removes the saved draft and marks the original answered/forwarded. If the server refuses, the draft
    /// is saved and the server's reason is thrown as a <see cref="MailException"/>.
    /// </summary>
    public async Task SendAsync(Draft draft, SmtpSender sender, bool saveToSent = true, CancellationToken cancellationToken = default)
    {
        var message = MessageBuilder.ForSending(draft, DateTimeOffset.Now);
        try
        {
            await sender.SendAsync(UserName, message, cancellationToken).ConfigureAwait(false);
        }
        catch (MailException)
        {
            await SaveDraftAsync(draft, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await RunAsync(async (client, ct) =>
        {
            if (saveToSent)
            {
                var sent = await GetSpecialFolderAsync(client, FolderRole.Sent, ct).ConfigureAwait(false);
                await sent.AppendAsync(new AppendRequest(message, MessageFlags.Seen), ct).ConfigureAwait(false);
            }

            if (draft.SavedAs is { } saved)
            {
                await DeleteFromAsync(client, saved, ct).ConfigureAwait(false);
            }

            if (draft.Reply is { } reply)
            {
                var folder = await OpenForAsync(client, reply.Original, ct).ConfigureAwait(false);
                var request = reply.Kind is ReplyKind.Reply or ReplyKind.ReplyAll
                    ? new StoreFlagsRequest(StoreAction.Add, MessageFlags.Answered) { Silent = true }
                    : new StoreFlagsRequest(StoreAction.Add, MessageFlags.None) { Silent = true, Keywords = { "$Forwarded" } };
                await folder.StoreAsync(new UniqueId(reply.Original.UidValidity, reply.Original.Uid), request, ct).ConfigureAwait(false);
            }
        }, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task DeleteFromAsync(MailKit.Net.Imap.ImapClient client, MessageRef id, CancellationToken ct)
    {
        var folder = await SelectAsync(client, id.Folder, ct).ConfigureAwait(false);
        if (folder.UidValidity == id.UidValidity)
        {
            var uid = new UniqueId(id.UidValidity, id.Uid);
            await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, ct).ConfigureAwait(false);
            await folder.ExpungeAsync([uid], ct).ConfigureAwait(false);
        }
    }

    private async Task<DraftAttachment> DownloadAsync(MessageRef message, string partId, string fileName, string contentType, string tempDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(tempDirectory);
        var path = Path.Combine(tempDirectory, Guid.NewGuid().ToString("N"));
        var info = partId.Length == 0
            ? new PartInfo("", "message/rfc822", fileName, 0, "7bit")
            : await GetPartInfoAsync(message, partId, ct).ConfigureAwait(false);
        await using (var file = File.Create(path))
        {
            await CopyPartToAsync(message, info, file, ct).ConfigureAwait(false);
        }

        return new DraftAttachment(fileName, contentType, path, new FileInfo(path).Length);
    }

    private static string HtmlToText(string? html) =>
        string.IsNullOrEmpty(html) ? "" : new HtmlParser().ParseDocument(html).Body?.TextContent.Trim() ?? "";
}
