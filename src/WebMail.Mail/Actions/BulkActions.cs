using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Mailbox;
using WebMail.Mail.Model;
using WebMail.Mail.Queries;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Actions;

/// <summary>
/// Acting on many messages at once, and undoing it. A selection is resolved to UIDs per folder (UID SEARCH for "all
/// of this list"), then each folder's UIDs go out as UID sets (ranges) in chunks of at most
/// <see cref="UidChunks.MaxUids"/>: one command (STORE, MOVE, COPY) per folder per chunk, each chunk its own turn on the
/// connection, so the user's other clicks slip in between. A chunk the server refuses is counted and the others go on;
/// the receipt says how many failed and why, and keeps what undo needs (COPYUID results, or Message-IDs without UIDPLUS).
/// </summary>
public sealed partial class BulkActions
{
    private readonly MailConnection _connection;
    private readonly MailboxView _view;
    private readonly ListQueries _lists;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal BulkActions(MailConnection connection, MailboxView view, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _view = view;
        _lists = new ListQueries(connection);
        _time = time;
        _logger = logger;
    }

    /// <summary>A chunk may touch thousands of messages: more time than a fetch.</summary>
    private TimeSpan ChunkTimeout => _connection.CommandTimeout * 6;

    public Task<ActionReceipt> SetSeenAsync(MessageSelection s, bool seen, IProgress<BulkProgress>? p = null, CancellationToken ct = default) =>
        SetFlagAsync(s, MessageFlags.Seen, null, seen, null, p, ct);

    public Task<ActionReceipt> SetFlaggedAsync(MessageSelection s, bool flagged, IProgress<BulkProgress>? p = null, CancellationToken ct = default) =>
        SetFlagAsync(s, MessageFlags.Flagged, null, flagged, null, p, ct);

    /// <summary>Sets or removes an IMAP keyword (a label): <c>$label1</c>, <c>$Junk</c>, or a user's own word.</summary>
    public Task<ActionReceipt> SetKeywordAsync(MessageSelection s, string keyword, bool on, IProgress<BulkProgress>? p = null, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(keyword) || keyword.StartsWith('\\') || keyword.Any(c => c <= ' ' || c >= 0x7f || "(){%*\"\\]".Contains(c)))
        {
            throw new ArgumentException("A label must be one word of letters, digits or $ - _ . characters.", nameof(keyword));
        }

        return SetFlagAsync(s, MessageFlags.None, keyword, on, null, p, ct);
    }

    /// <summary>Marks every unread message of a folder read; undo marks exactly those unread again.</summary>
    public Task<ActionReceipt> MarkAllReadAsync(string folder, CancellationToken ct = default) =>
        SetFlagAsync(MessageSelection.All(new ListQuery(folder)), MessageFlags.Seen, null, true, SearchQuery.NotSeen, null, ct);

    private async Task<ActionReceipt> SetFlagAsync(MessageSelection s, MessageFlags flag, string? keyword, bool on, SearchQuery? narrow, IProgress<BulkProgress>? p, CancellationToken ct)
    {
        var resolved = await ResolveAsync(s, narrow, ct).ConfigureAwait(false);
        var folders = resolved.Folders;
        var tally = new BulkTally(resolved.Total, p);
        tally.SelectedBefore(resolved.SelectedBefore, resolved.SearchedElsewhere);
        var notYet = State(flag, keyword, !on);
        var request = new StoreFlagsRequest(on ? StoreAction.Add : StoreAction.Remove, flag);
        if (keyword is not null)
        {
            request.Keywords.Add(keyword);
        }

        foreach (var source in folders)
        {
            foreach (var chunk in UidChunks.Split(source.Uids))
            {
                var going = await RunChunkAsync(tally, chunk.Length, async (context, token) =>
                {
                    var folder = await SelectSameAsync(context, tally, source, token).ConfigureAwait(false);
                    // Only the messages whose state changes are stored, and only those are put back by undo.
                    var changed = await SearchAsync(context, folder, SearchQuery.Uids(UidChunks.ToSet(source.UidValidity, chunk)).And(notYet), token).ConfigureAwait(false);
                    if (changed.Length > 0)
                    {
                        await folder.StoreAsync(UidChunks.ToSet(source.UidValidity, changed), request, token).ConfigureAwait(false);
                    }

                    return (chunk.Length, changed.Length == 0 ? null : new FlagStep(source.Folder, source.UidValidity, changed, flag, keyword, !on));
                }, ct).ConfigureAwait(false);
                if (!going)
                {
                    break;
                }
            }
        }

        await RestoreSelectionAsync(tally).ConfigureAwait(false);
        var what = FlagWords(flag, keyword, on);
        LogDone(_logger, what.Log, tally.Succeeded, tally.Failed, folders.Count);
        return new ActionReceipt(new ReceiptWords(what.Kind, tally.Succeeded, Label: keyword), tally.Succeeded, tally.Failed, tally.Failure(ReceiptVerb.Changed), null, tally.Steps,
            (n, _) => new ReceiptWords(FlagWords(flag, keyword, !on).Kind, n, Label: keyword));
    }

    private static SearchQuery State(MessageFlags flag, string? keyword, bool on) => (flag, keyword, on) switch
    {
        (_, { } k, true) => SearchQuery.HasKeyword(k),
        (_, { } k, false) => SearchQuery.NotKeyword(k),
        (MessageFlags.Seen, _, true) => SearchQuery.Seen,
        (MessageFlags.Seen, _, false) => SearchQuery.NotSeen,
        (_, _, true) => SearchQuery.Flagged,
        _ => SearchQuery.NotFlagged,
    };

    private static (ReceiptKind Kind, string Log) FlagWords(MessageFlags flag, string? keyword, bool on) => (flag, keyword, on) switch
    {
        (_, not null, true) => (ReceiptKind.Labelled, "label"),
        (_, not null, false) => (ReceiptKind.Unlabelled, "unlabel"),
        (MessageFlags.Seen, _, true) => (ReceiptKind.MarkedRead, "read"),
        (MessageFlags.Seen, _, false) => (ReceiptKind.MarkedUnread, "unread"),
        (_, _, true) => (ReceiptKind.Flagged, "flag"),
        _ => (ReceiptKind.Unflagged, "unflag"),
    };

    /// <summary>
    /// Runs one chunk as its own turn on the connection. A refusal (NO) or a folder that is gone fails this chunk
    /// only; a lost server or a cancellation fails the rest. False when the action must stop.
    /// </summary>
    private async Task<bool> RunChunkAsync(BulkTally tally, int size, Func<ImapContext, CancellationToken, Task<(int Succeeded, UndoStep? Step)>> work, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            tally.FailRest(MailFailureKind.Stopped);
            return false;
        }

        try
        {
            var (succeeded, step) = await _connection.RunAsync(work, ct, ChunkTimeout).ConfigureAwait(false);
            tally.Done(size, succeeded, step);
            return true;
        }
        catch (MailCommandException ex)
        {
            var reason = ex.InnerException is ImapCommandException { ResponseText.Length: > 0 } refusal ? MailFailure.Text(refusal.ResponseText) : ex.Failure;
            LogChunkRefused(_logger, size, reason.English);
            tally.Fail(size, reason);
            return true;
        }
        catch (MailItemNotFoundException ex)
        {
            LogChunkRefused(_logger, size, ex.Message);
            tally.Fail(size, ex.Failure);
            return true;
        }
        catch (MailUnavailableException ex)
        {
            tally.FailRest(ex.Failure);
            return false;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            tally.FailRest(MailFailureKind.Stopped);
            return false;
        }
    }

    /// <summary>Selects the folder of <paramref name="source"/>, checking it is still the same folder (UIDVALIDITY).</summary>
    private static async Task<IMailFolder> SelectSameAsync(ImapContext context, BulkTally tally, FolderUids source, CancellationToken ct)
    {
        tally.Selecting(context, source.Folder);
        var folder = await context.SelectAsync(source.Folder, ct).ConfigureAwait(false);
        return folder.UidValidity == source.UidValidity
            ? folder
            : throw new MailItemNotFoundException(MailFailure.FolderChanged(source.Folder));
    }

    private static async Task<uint[]> SearchAsync(ImapContext context, IMailFolder folder, SearchQuery query, CancellationToken ct)
    {
        var found = context.Has(ImapCapabilities.ESearch)
            ? (await folder.SearchAsync(SearchOptions.All, query, ct).ConfigureAwait(false)).UniqueIds
            : await folder.SearchAsync(query, ct).ConfigureAwait(false);
        var uids = UidChunks.ToArray(found);
        Array.Sort(uids);
        return uids;
    }

    /// <summary>Back to the folder the user is in, so IDLE keeps watching it; failures are left to the next command.</summary>
    private async Task RestoreSelectionAsync(BulkTally tally)
    {
        foreach (var folder in tally.Touched)
        {
            _view.CountsChanged(folder);
        }

        if (tally is { SelectedOther: true, PreviouslySelected: { Length: > 0 } previous })
        {
            await _lists.TrySelectAsync(previous).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk {Action}: {Count} messages done, {Failed} failed, in {Folders} folders")]
    private static partial void LogDone(ILogger logger, string action, int count, int failed, int folders);

    [LoggerMessage(Level = LogLevel.Information, Message = "A bulk action's chunk of {Size} messages was refused: {Reason}")]
    private static partial void LogChunkRefused(ILogger logger, int size, string reason);
}
