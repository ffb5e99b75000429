using WebMail.Mail.Model;

namespace WebMail.Mail.Actions;

/// <summary>
/// What an action applies to: explicit messages (any folders), or "everything this list query shows" (a folder or a
/// search, one folder or all folders) minus some excluded messages.
/// </summary>
/// <param name="Messages">Messages chosen one by one; with <paramref name="AllOf"/> they are added to the query's.</param>
/// <param name="AllOf">Every message the list query shows, resolved on the server (UID SEARCH) when the action runs.</param>
/// <param name="Except">Messages of <paramref name="AllOf"/> the user unticked.</param>
public sealed record MessageSelection(IReadOnlyList<MessageRef> Messages, ListQuery? AllOf = null, IReadOnlySet<MessageRef>? Except = null)
{
    public static MessageSelection Of(params MessageRef[] ids) => new(ids);

    public static MessageSelection All(ListQuery q, IReadOnlySet<MessageRef>? except = null) => new([], q, except);
}

/// <summary>How far a bulk action is: messages handled so far (done or failed) of all it applies to.</summary>
public sealed record BulkProgress(int Done, int Total);

/// <summary>What an undo did.</summary>
/// <param name="Restored">Messages put back as they were.</param>
/// <param name="Missing">Messages that could not be put back because they were gone meanwhile (deleted or moved elsewhere).</param>
/// <param name="Words">What the undo did, as data: "Moved 20 messages back to Inbox".</param>
/// <param name="Failure">Messages that could not be put back and why, or null.</param>
public sealed record UndoResult(int Restored, int Missing, ReceiptWords Words, ReceiptFailure? Failure = null)
{
    /// <summary>In English, for logs and tests.</summary>
    public string Description => Failure is null ? Words.English : $"{Words.English}. {Failure.English}";
}
