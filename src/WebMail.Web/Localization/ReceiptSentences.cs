using System.Globalization;
using Microsoft.Extensions.Localization;
using WebMail.Mail.Actions;

namespace WebMail.Web.Localization;

/// <summary>Action receipts and undo texts in the user's language, one message or many ("Moved 20 messages to Archive").</summary>
public static class ReceiptSentences
{
    public static string Of(ReceiptWords words, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(l);
        var one = words.Count == 1;
        var n = words.Count.ToString("N0", CultureInfo.CurrentCulture);
        var folder = words.Folder is null ? null : Folder(words.Folder, l);
        string text = words.Kind switch
        {
            ReceiptKind.Moved or ReceiptKind.MovedToTrash => one ? l["Moved 1 message to {0}", folder!] : l["Moved {0} messages to {1}", n, folder!],
            ReceiptKind.Copied => one ? l["Copied 1 message to {0}", folder!] : l["Copied {0} messages to {1}", n, folder!],
            ReceiptKind.Archived => one ? l["Archived 1 message"] : l["Archived {0} messages", n],
            ReceiptKind.MarkedSpam => one ? l["Marked 1 message as spam"] : l["Marked {0} messages as spam", n],
            ReceiptKind.MarkedNotSpam => one ? l["Marked 1 message as not spam"] : l["Marked {0} messages as not spam", n],
            ReceiptKind.DeletedForGood => one ? l["Deleted 1 message for good"] : l["Deleted {0} messages for good", n],
            ReceiptKind.MovedToTrashAndDeleted => one
                ? l["Moved 1 message to {0} and deleted {1} for good", folder!, words.Deleted]
                : l["Moved {0} messages to {1} and deleted {2} for good", n, folder!, words.Deleted],
            ReceiptKind.NoneMoved => l["No messages were moved"],
            ReceiptKind.NoneArchived => l["No messages were archived"],
            ReceiptKind.MarkedRead => one ? l["Marked 1 message as read"] : l["Marked {0} messages as read", n],
            ReceiptKind.MarkedUnread => one ? l["Marked 1 message as unread"] : l["Marked {0} messages as unread", n],
            ReceiptKind.Flagged => one ? l["Flagged 1 message"] : l["Flagged {0} messages", n],
            ReceiptKind.Unflagged => one ? l["Unflagged 1 message"] : l["Unflagged {0} messages", n],
            ReceiptKind.Labelled => one ? l["Labelled 1 message as {0}", words.Label!] : l["Labelled {0} messages as {1}", n, words.Label!],
            ReceiptKind.Unlabelled => one ? l["Removed the label {0} from 1 message", words.Label!] : l["Removed the label {0} from {1} messages", words.Label!, n],
            ReceiptKind.MovedBack when folder is null => one ? l["Moved 1 message back to its folder"] : l["Moved {0} messages back to their folders", n],
            ReceiptKind.MovedBack => one ? l["Moved 1 message back to {0}", folder] : l["Moved {0} messages back to {1}", n, folder],
            _ => l["There is nothing to undo."],
        };
        return text;
    }

    /// <summary>"2 of 20 messages could not be moved: …" in the user's language; the reason stays as the server gave it.</summary>
    public static string Of(ReceiptFailure failure, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(l);
        var failed = failure.Failed.ToString("N0", CultureInfo.CurrentCulture);
        var total = failure.Total.ToString("N0", CultureInfo.CurrentCulture);
        string text = failure.Verb switch
        {
            ReceiptVerb.Copied => l["{0} of {1} messages could not be copied: {2}", failed, total, MailSentences.Of(failure.Reason, l)],
            ReceiptVerb.Deleted => l["{0} of {1} messages could not be deleted: {2}", failed, total, MailSentences.Of(failure.Reason, l)],
            ReceiptVerb.Moved => l["{0} of {1} messages could not be moved: {2}", failed, total, MailSentences.Of(failure.Reason, l)],
            ReceiptVerb.Archived => l["{0} of {1} messages could not be archived: {2}", failed, total, MailSentences.Of(failure.Reason, l)],
            ReceiptVerb.PutBack => l["{0} of {1} messages could not be put back: {2}", failed, total, MailSentences.Of(failure.Reason, l)],
            _ => l["{0} of {1} messages could not be changed: {2}", failed, total, MailSentences.Of(failure.Reason, l)],
        };
        return text;
    }

    /// <summary>The receipt with its failure, if any: "Moved 18 messages to Archive. 2 of 20 messages could not be moved: …".</summary>
    public static string Of(ActionReceipt receipt, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return receipt is { Failed: > 0, Failure: { } failure } ? $"{Of(receipt.Words, l)}. {Of(failure, l)}" : Of(receipt.Words, l);
    }

    /// <summary>The undo's sentence with what could not be put back, if anything.</summary>
    public static string Of(UndoResult undone, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(undone);
        return undone.Failure is { } failure ? $"{Of(undone.Words, l)}. {Of(failure, l)}" : Of(undone.Words, l);
    }

    private static string Folder(string path, IStringLocalizer l) =>
        MailSentences.Folder(path, l);
}
