using MimeKit;
using WebMail.Mail.Actions;
using WebMail.Mail.Model;
using WebMail.Mail.Sending;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Receipts;

/// <summary>Answering a read receipt request on the user's session: the MDN through SMTP, the answer kept on the message.</summary>
public static class ReceiptSending
{
    /// <summary>
    /// Sends the RFC 8098 receipt for <paramref name="view"/> from <paramref name="from"/> through the submission server
    /// with the user's credential, then marks the message <see cref="ReadReceipts.SentKeyword"/>. A refusal throws a
    /// <see cref="MailException"/> with a sentence, and nothing is marked.
    /// </summary>
    public static async Task SendReadReceiptAsync(this UserMailSession session, SmtpSender sender, MessageView view, MailboxAddress from, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(sender);
        using var receipt = ReadReceipts.Build(view, from, $"{from.Domain}; WebMail", DateTimeOffset.Now);
        await sender.SendAsync(session.UserName, receipt, cancellationToken).ConfigureAwait(false);
        await session.MarkReceiptHandledAsync(view.Id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Remembers on the server that the request was answered or ignored (every tab, every client that reads RFC 3503).</summary>
    public static async Task MarkReceiptHandledAsync(this UserMailSession session, MessageRef id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var receipt = await session.Bulk.SetKeywordAsync(MessageSelection.Of(id), ReadReceipts.SentKeyword, true, null, cancellationToken).ConfigureAwait(false);
        if (receipt.Failed > 0)
        {
            throw new MailCommandException(receipt.Failure?.Reason ?? MailFailureKind.AnswerNotKept);
        }
    }
}
