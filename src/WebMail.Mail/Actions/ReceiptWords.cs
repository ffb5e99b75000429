using System.Globalization;

namespace WebMail.Mail.Actions;

/// <summary>What a receipt or an undo says, as data: the Web layer words it in the user's language.</summary>
public enum ReceiptKind
{
    Moved,
    Copied,
    Archived,
    MarkedSpam,
    MarkedNotSpam,
    MovedToTrash,
    DeletedForGood,
    MovedToTrashAndDeleted,
    NoneMoved,
    NoneArchived,
    MarkedRead,
    MarkedUnread,
    Flagged,
    Unflagged,
    Labelled,
    Unlabelled,
    MovedBack,
    NothingToUndo,
}

/// <summary>Which action failed on some messages: "could not be moved", "… put back".</summary>
public enum ReceiptVerb
{
    Changed,
    Copied,
    Deleted,
    Moved,
    Archived,
    PutBack,
}

/// <summary>
/// One receipt's sentence as data. <paramref name="Folder"/> is the folder's path (INBOX for the Inbox; null for
/// "their folders" after an undo to several), <paramref name="Label"/> a keyword, <paramref name="Deleted"/> the
/// messages deleted for good besides the <paramref name="Count"/> moved to Trash.
/// </summary>
public sealed record ReceiptWords(ReceiptKind Kind, int Count, string? Folder = null, string? Label = null, int Deleted = 0)
{
    /// <summary>The English sentence, for logs and <see cref="object.ToString"/>; people see the Web layer's wording.</summary>
    public string English => Kind switch
    {
        ReceiptKind.Moved => $"Moved {Messages(Count)} to {FolderName}",
        ReceiptKind.Copied => $"Copied {Messages(Count)} to {FolderName}",
        ReceiptKind.Archived => $"Archived {Messages(Count)}",
        ReceiptKind.MarkedSpam => $"Marked {Messages(Count)} as spam",
        ReceiptKind.MarkedNotSpam => $"Marked {Messages(Count)} as not spam",
        ReceiptKind.MovedToTrash => $"Moved {Messages(Count)} to {FolderName}",
        ReceiptKind.DeletedForGood => $"Deleted {Messages(Count)} for good",
        ReceiptKind.MovedToTrashAndDeleted => string.Create(CultureInfo.InvariantCulture, $"Moved {Messages(Count)} to {FolderName} and deleted {Deleted} for good"),
        ReceiptKind.NoneMoved => "No messages were moved",
        ReceiptKind.NoneArchived => "No messages were archived",
        ReceiptKind.MarkedRead => $"Marked {Messages(Count)} as read",
        ReceiptKind.MarkedUnread => $"Marked {Messages(Count)} as unread",
        ReceiptKind.Flagged => $"Flagged {Messages(Count)}",
        ReceiptKind.Unflagged => $"Unflagged {Messages(Count)}",
        ReceiptKind.Labelled => $"Labelled {Messages(Count)} as {Label}",
        ReceiptKind.Unlabelled => $"Removed the label {Label} from {Messages(Count)}",
        ReceiptKind.MovedBack => $"Moved {Messages(Count)} back to {FolderName ?? "their folders"}",
        _ => "There is nothing to undo.",
    };

    private string? FolderName => Folder is null ? null : BulkText.Folder(Folder);

    private static string Messages(int n) => BulkText.Messages(n);

    public override string ToString() => English;
}

/// <summary>"2 of 20 messages could not be moved: …" as data; <paramref name="Reason"/> is the server's own text or the library's failure.</summary>
public sealed record ReceiptFailure(int Failed, int Total, ReceiptVerb Verb, MailFailure Reason)
{
    public string English => string.Create(CultureInfo.InvariantCulture,
        $"{Failed} of {BulkText.Messages(Total)} could not be {Verb switch { ReceiptVerb.PutBack => "put back", _ => Verb.ToString().ToLowerInvariant() }}: {Reason}");

    public override string ToString() => English;
}
