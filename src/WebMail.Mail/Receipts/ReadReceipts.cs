using System.Globalization;
using MimeKit;
using MimeKit.Utils;
using WebMail.Mail.Model;

namespace WebMail.Mail.Receipts;

/// <summary>
/// Read receipts (RFC 8098 message disposition notifications): whether a message asks for one, and the MDN that
/// answers it. Answered or ignored requests are remembered with the IMAP keyword <see cref="SentKeyword"/> (RFC 3503).
/// </summary>
public static class ReadReceipts
{
    /// <summary>RFC 3503: an MDN was sent for this message, or the user chose not to send one.</summary>
    public const string SentKeyword = "$MDNSent";

    /// <summary>Where the sender wants the receipt (<c>Disposition-Notification-To</c>); empty when the message asks for none.</summary>
    public static IReadOnlyList<MailboxAddress> RequestedBy(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var header = headers.FirstOrDefault(h => h.Field.Equals("Disposition-Notification-To", StringComparison.OrdinalIgnoreCase));
        return header is not null && InternetAddressList.TryParse(header.Value, out var list)
            ? [.. list.Mailboxes.Where(m => m.Address.Contains('@', StringComparison.Ordinal)).Take(5)]
            : [];
    }

    /// <summary>Whether the open message still waits for the user's answer: it asks for a receipt and carries no <see cref="SentKeyword"/>.</summary>
    public static bool IsPending(MessageView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return !view.Keywords.Contains(SentKeyword, StringComparer.OrdinalIgnoreCase) && RequestedBy(view.Headers).Count > 0;
    }

    /// <summary>
    /// The MDN for <paramref name="original"/>, from <paramref name="from"/> (the reader) to the addresses it was
    /// asked for: multipart/report; report-type=disposition-notification with a sentence for people and the
    /// machine-readable message/disposition-notification (displayed, sent manually).
    /// </summary>
    public static MimeMessage Build(MessageView original, MailboxAddress from, string reportingUa, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(from);
        var to = RequestedBy(original.Headers);
        if (to.Count == 0)
        {
            throw new InvalidOperationException("The message asks for no read receipt.");
        }

        var messageId = original.Headers[HeaderId.MessageId];
        var message = new MimeMessage
        {
            Subject = "Read: " + original.Subject,
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
        };
        message.From.Add(from);
        message.To.AddRange(to);
        if (MessageIdOf(messageId) is { } parent)
        {
            message.InReplyTo = parent;
            message.References.Add(parent);
        }

        var sentOn = original.Date.ToString("dddd d MMMM yyyy HH:mm zzz", CultureInfo.InvariantCulture);
        var text = new TextPart("plain")
        {
            Text = $"This is a read receipt for the message you sent on {sentOn} with the subject \"{original.Subject}\".\r\n\r\n"
                + $"It was displayed to {from.Address}. This says nothing about whether it was read or understood.\r\n",
        };
        var notification = new MessageDispositionNotification();
        notification.Fields.Add("Reporting-UA", reportingUa);
        if (original.Headers["Original-Recipient"] is { Length: > 0 } originalRecipient)
        {
            notification.Fields.Add("Original-Recipient", originalRecipient.Trim());
        }

        notification.Fields.Add("Final-Recipient", "rfc822; " + from.Address);
        if (messageId is { Length: > 0 })
        {
            notification.Fields.Add("Original-Message-ID", messageId.Trim());
        }

        notification.Fields.Add("Disposition", "manual-action/MDN-sent-manually; displayed");
        message.Body = new MultipartReport("disposition-notification") { text, notification };
        return message;
    }

    private static string? MessageIdOf(string? header) =>
        header is { Length: > 0 } ? MimeUtils.EnumerateReferences(header).FirstOrDefault() : null;
}
