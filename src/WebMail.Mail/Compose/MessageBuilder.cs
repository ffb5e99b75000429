using MimeKit;
using MimeKit.Utils;

namespace WebMail.Mail.Compose;

/// <summary>A draft the user must fix before it can be sent; the message names what is wrong.</summary>
public sealed class DraftValidationException(MailFailure failure) : MailException(failure);

/// <summary>
/// Turns a <see cref="Draft"/> into MIME: multipart/alternative text + HTML, attachments streamed from their
/// temp files. The message holds those files open: dispose it when it has been written.
/// </summary>
public static class MessageBuilder
{
    /// <summary>Throws <see cref="DraftValidationException"/> naming invalid or missing recipients; builds nothing.</summary>
    public static void Validate(Draft draft) => Check(draft);

    /// <summary>A message ready to send (dispose it after use); throws <see cref="DraftValidationException"/> naming invalid or missing recipients.</summary>
    public static MimeMessage ForSending(Draft draft, DateTimeOffset now)
    {
        var (from, to, cc, bcc) = Check(draft);
        var message = Build(draft, now);
        message.From.Add(from);
        message.To.AddRange(to);
        message.Cc.AddRange(cc);
        message.Bcc.AddRange(bcc);
        return message;
    }

    private static (MailboxAddress From, IReadOnlyList<MailboxAddress> To, IReadOnlyList<MailboxAddress> Cc, IReadOnlyList<MailboxAddress> Bcc) Check(Draft draft)
    {
        var problems = new List<MailFailure>();
        var from = AddressParser.Parse(draft.From);
        if (from.Valid.Count != 1 || from.Invalid.Count > 0)
        {
            problems.Add(MailFailure.Of(MailFailureKind.SenderInvalid, Clean(draft.From)));
        }

        var to = AddressParser.Parse(draft.To);
        var cc = AddressParser.Parse(draft.Cc);
        var bcc = AddressParser.Parse(draft.Bcc);
        var invalid = to.Invalid.Concat(cc.Invalid).Concat(bcc.Invalid).Select(Clean).ToList();
        if (invalid.Count > 0)
        {
            problems.Add(MailFailure.Of(invalid.Count == 1 ? MailFailureKind.AddressInvalid : MailFailureKind.AddressesInvalid, string.Join(", ", invalid)));
        }

        var count = to.Valid.Count + cc.Valid.Count + bcc.Valid.Count;
        if (count == 0 && invalid.Count == 0)
        {
            problems.Add(MailFailureKind.NoRecipient);
        }
        else if (count > AddressParser.MaxRecipients)
        {
            problems.Add(MailFailure.Of(MailFailureKind.TooManyRecipients, AddressParser.MaxRecipients, count));
        }

        if (problems.Count > 0)
        {
            throw new DraftValidationException(problems.Count == 1 ? problems[0] : MailFailure.Several(problems));
        }

        return (from.Valid[0], to.Valid, cc.Valid, bcc.Valid);
    }

    /// <summary>A copy for the Drafts folder (dispose it after use): nothing is validated and what the user typed is kept as typed.</summary>
    public static MimeMessage ForDrafts(Draft draft, DateTimeOffset now)
    {
        var message = Build(draft, now);
        if (AddressParser.Parse(draft.From).Valid is [var sender])
        {
            message.From.Add(sender);
        }

        SetTyped(message, HeaderId.To, draft.To);
        SetTyped(message, HeaderId.Cc, draft.Cc);
        SetTyped(message, HeaderId.Bcc, draft.Bcc);
        if (draft.ComposeId is { } composeId)
        {
            message.Headers.Add(DraftLookup.ComposeIdHeader, DraftLookup.Format(composeId));
        }

        return message;
    }

    private static MimeMessage Build(Draft draft, DateTimeOffset now)
    {
        var message = new MimeMessage
        {
            Subject = Clean(draft.Subject),
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(DomainOf(draft.From)),
        };
        if (draft.Reply is { MessageId: { Length: > 0 } parent } reply)
        {
            message.InReplyTo = parent;
            foreach (var id in reply.References.Append(parent).Distinct(StringComparer.Ordinal))
            {
                message.References.Add(id);
            }
        }

        if (draft.RequestReadReceipt && AddressParser.Parse(draft.From).Valid is [var from])
        {
            message.Headers.Add("Disposition-Notification-To", from.ToString());
        }

        var text = new TextPart("plain") { Text = draft.TextBody };
        text.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
        MimeEntity body = text;
        if (!string.IsNullOrEmpty(draft.HtmlBody))
        {
            var html = new TextPart("html") { Text = draft.HtmlBody, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
            body = new MultipartAlternative { text, html };
        }

        if (draft.Attachments.Count > 0)
        {
            var mixed = new Multipart("mixed") { body };
            foreach (var a in draft.Attachments)
            {
                mixed.Add(Attachment(a));
            }

            body = mixed;
        }

        message.Body = body;
        return message;
    }

    private static MimeEntity Attachment(DraftAttachment a)
    {
        var type = ContentType.TryParse(a.ContentType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
        if (type.IsMimeType("message", "rfc822"))
        {
            // Parsed into memory (not persistent), so the file is closed at once.
            using var file = File.OpenRead(a.TempPath);
            return new MessagePart { Message = MimeMessage.Load(file), ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = a.FileName } };
        }

        // Read while the message is written; disposing the message closes it.
        var stream = File.OpenRead(a.TempPath);
        return new MimePart(type)
        {
            Content = new MimeContent(stream),
            ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
            ContentTransferEncoding = ContentEncoding.Base64,
            FileName = a.FileName,
        };
    }

    private static void SetTyped(MimeMessage message, HeaderId header, string typed)
    {
        var clean = Clean(typed);
        if (clean.Length > 0)
        {
            message.Headers[header] = clean;
        }
    }

    private static string DomainOf(string from) =>
        AddressParser.Parse(from).Valid is [var sender] && sender.Address.LastIndexOf('@') is var at and > 0 ? sender.Address[(at + 1)..] : "localhost";

    /// <summary>No CR, LF or other control character ever reaches a header (no header injection).</summary>
    internal static string Clean(string? value) =>
        string.Concat((value ?? "").Select(c => char.IsControl(c) ? ' ' : c)).Trim();
}
