namespace WebMail.Mail.Model;

/// <summary>What the server reported about a folder between commands (IDLE, NOTIFY, polling, or a resync after a reconnect).</summary>
/// <param name="Folder">The folder the change is about.</param>
/// <param name="NewMessages">Messages that arrived, newest first.</param>
/// <param name="FlagChanges">Flags changed by another client.</param>
/// <param name="Expunged">True when messages were removed (UIDs are given where the server says which).</param>
/// <param name="ExpungedUids">The removed UIDs, when known (QRESYNC); may be empty even when <paramref name="Expunged"/>.</param>
/// <param name="Total">Messages in the folder after the change; -1 when not known (events of a folder no longer selected).</param>
/// <param name="ReportedAt">When the server's untagged response (or the push) was received, for push-latency measurements.</param>
public sealed record MailboxChange(
    string Folder,
    IReadOnlyList<MessageRow> NewMessages,
    IReadOnlyList<FlagChange> FlagChanges,
    bool Expunged,
    IReadOnlyList<uint> ExpungedUids,
    int Total,
    DateTimeOffset ReportedAt)
{
    /// <summary>Only the folder's counts changed (a folder that is not selected, seen by STATUS); reload counts, not rows.</summary>
    public bool CountsOnly { get; init; }

    /// <summary>Unread messages in the folder after the change, when the server said (STATUS); null otherwise.</summary>
    public int? Unread { get; init; }

    public bool IsEmpty => NewMessages.Count == 0 && FlagChanges.Count == 0 && !Expunged && !CountsOnly;
}

/// <summary>New flags of one message.</summary>
public sealed record FlagChange(MessageRef Id, bool Seen, bool Flagged, bool Answered)
{
    /// <summary>The message's keywords after the change, when the server said; null when unknown (the row keeps its own).</summary>
    public IReadOnlyList<string>? Keywords { get; init; }

    /// <summary>
    /// The state the server gave in answer to one of our own fetches, not an event: it may be what the row already
    /// shows. Applied to cached rows like any change, but never a reason to read the counts again.
    /// </summary>
    public bool Echo { get; init; }
}
