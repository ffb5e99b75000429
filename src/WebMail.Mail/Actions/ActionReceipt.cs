using MailKit;

namespace WebMail.Mail.Actions;

/// <summary>What an action did, in the user's words, and what undoing it needs (kept inside).</summary>
public sealed class ActionReceipt
{
    private int _undone;

    internal ActionReceipt(ReceiptWords words, int count, int failed, ReceiptFailure? failure, string? targetFolder, IReadOnlyList<UndoStep> steps, Func<int, string?, ReceiptWords> undoWords)
    {
        Words = words;
        Count = count;
        Failed = failed;
        Failure = failure;
        TargetFolder = targetFolder;
        Steps = steps;
        UndoWords = undoWords;
    }

    /// <summary>What the action did, as data (kind, count, folder, label): the Web layer words it in the user's language.</summary>
    public ReceiptWords Words { get; }

    /// <summary>In English, for logs: "Moved 20 messages to Archive", "Marked 3 messages as read".</summary>
    public string Description => Words.English;

    /// <summary>Messages the action applied to.</summary>
    public int Count { get; }

    /// <summary>Messages the server refused (or that could not be reached); 0 when all went well.</summary>
    public int Failed { get; }

    /// <summary>Which messages could not be handled and why, when <see cref="Failed"/> is not 0.</summary>
    public ReceiptFailure? Failure { get; }

    /// <summary>In English, for logs: "2 of 20 messages could not be moved: …" when <see cref="Failed"/> is not 0.</summary>
    public string? FailureMessage => Failure?.English;

    /// <summary>True until undone, for actions that can be undone and changed something.</summary>
    public bool CanUndo => Steps.Count > 0 && Volatile.Read(ref _undone) == 0;

    /// <summary>The folder messages went to (moves, copies, delete to Trash, archive, spam), or null.</summary>
    public string? TargetFolder { get; }

    internal IReadOnlyList<UndoStep> Steps { get; }

    /// <summary>How the undo is told, from the count restored and the one folder they went back to (null for several).</summary>
    internal Func<int, string?, ReceiptWords> UndoWords { get; }

    /// <summary>Claims the one undo; false when it was already taken.</summary>
    internal bool TakeUndo() => Steps.Count > 0 && Interlocked.Exchange(ref _undone, 1) == 0;

    public override string ToString() => Description;
}

/// <summary>One piece of undo data: what one command (one folder, one chunk) changed.</summary>
internal abstract record UndoStep;

/// <summary>
/// Messages moved from <paramref name="Source"/> to <paramref name="Target"/>. With UIDPLUS their new UIDs are known
/// (<paramref name="TargetUids"/>); without, they are found again by Message-ID among the UIDs given since
/// <paramref name="TargetUidNext"/>.
/// </summary>
/// <param name="KeywordsAdded">Keywords the action set on them (spam): removed again before they go back.</param>
internal sealed record MovedStep(
    string Source,
    string Target,
    uint TargetValidity,
    uint[] TargetUids,
    string?[] MessageIds,
    uint TargetUidNext,
    int Count,
    IReadOnlyList<string> KeywordsAdded) : UndoStep
{
    /// <summary>Keywords the action took off (spam: <c>$NotJunk</c>); put back on the messages that had them.</summary>
    public IReadOnlyList<string> KeywordsRemoved { get; init; } = [];

    /// <summary>The target UIDs of the messages that had <see cref="KeywordsRemoved"/> (with UIDPLUS).</summary>
    public uint[] HadRemovedUids { get; init; } = [];

    /// <summary>The Message-IDs of the messages that had <see cref="KeywordsRemoved"/> (without UIDPLUS).</summary>
    public string?[] HadRemovedIds { get; init; } = [];
}

/// <summary>A flag or keyword changed on <paramref name="Uids"/>, which all had the state <paramref name="Was"/> before.</summary>
internal sealed record FlagStep(string Folder, uint Validity, uint[] Uids, MessageFlags Flag, string? Keyword, bool Was) : UndoStep;
