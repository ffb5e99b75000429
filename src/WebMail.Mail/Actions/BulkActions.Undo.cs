using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Actions;

/// <summary>
/// Undo: moved messages go back from where they went (their new UIDs from COPYUID, or found by Message-ID among the
/// UIDs given since the move where the server lacks UIDPLUS), and flag changes are reversed on exactly the messages
/// they changed. Mail arriving meanwhile is left alone; messages gone meanwhile are counted as missing.
/// </summary>
public sealed partial class BulkActions
{
    /// <summary>Message-IDs per SEARCH when finding moved messages without UIDPLUS.</summary>
    private const int IdsPerSearch = 100;

    public async Task<UndoResult> UndoAsync(ActionReceipt receipt, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        if (!receipt.TakeUndo())
        {
            return new UndoResult(0, 0, new ReceiptWords(ReceiptKind.NothingToUndo, 0));
        }

        var tally = new BulkTally(receipt.Steps.Sum(Size), null);
        tally.SelectedBefore(await SelectedFolderAsync(ct).ConfigureAwait(false));
        var back = new List<string>();
        foreach (var step in receipt.Steps.Reverse())
        {
            switch (step)
            {
                case FlagStep flags:
                    await UndoFlagsAsync(tally, flags, ct).ConfigureAwait(false);
                    break;
                case MovedStep moved:
                    var before = tally.Succeeded;
                    await UndoMoveAsync(tally, moved, ct).ConfigureAwait(false);
                    if (tally.Succeeded > before && !back.Contains(moved.Source))
                    {
                        back.Add(moved.Source);
                    }

                    break;
            }
        }

        await RestoreSelectionAsync(tally).ConfigureAwait(false);
        var restored = tally.Succeeded;
        var missing = tally.Total - restored - tally.Failed;
        var words = receipt.UndoWords(restored, back.Count == 1 ? back[0] : null);
        LogUndone(_logger, restored, missing, tally.Failed);
        return new UndoResult(restored, missing, words, tally.Failure(ReceiptVerb.PutBack));
    }

    private static int Size(UndoStep step) => step switch
    {
        FlagStep f => f.Uids.Length,
        MovedStep m => m.Count,
        _ => 0,
    };

    private async Task UndoFlagsAsync(BulkTally tally, FlagStep step, CancellationToken ct)
    {
        var request = new StoreFlagsRequest(step.Was ? StoreAction.Add : StoreAction.Remove, step.Flag);
        if (step.Keyword is not null)
        {
            request.Keywords.Add(step.Keyword);
        }

        var source = new FolderUids(step.Folder, step.Validity, step.Uids);
        foreach (var chunk in UidChunks.Split(step.Uids))
        {
            await RunChunkAsync(tally, chunk.Length, async (context, token) =>
            {
                tally.Selecting(context, source.Folder);
                var folder = await context.SelectAsync(source.Folder, token).ConfigureAwait(false);
                if (folder.UidValidity != source.UidValidity)
                {
                    return (0, null);
                }

                // The ones still there; the others were deleted or moved meanwhile (missing, not failed).
                var existing = await SearchAsync(context, folder, SearchQuery.Uids(UidChunks.ToSet(source.UidValidity, chunk)), token).ConfigureAwait(false);
                if (existing.Length > 0)
                {
                    await folder.StoreAsync(UidChunks.ToSet(source.UidValidity, existing), request, token).ConfigureAwait(false);
                }

                return (existing.Length, (UndoStep?)null);
            }, ct).ConfigureAwait(false);
        }
    }

    private async Task UndoMoveAsync(BulkTally tally, MovedStep step, CancellationToken ct)
    {
        var uids = step.TargetUids.Length > 0 ? step.TargetUids : await FindByMessageIdAsync(step, step.MessageIds, ct).ConfigureAwait(false);
        var hadRemoved = step.KeywordsRemoved.Count == 0 ? []
            : new HashSet<uint>(step.HadRemovedUids.Length > 0 ? step.HadRemovedUids : await FindByMessageIdAsync(step, step.HadRemovedIds, ct).ConfigureAwait(false));

        foreach (var chunk in UidChunks.Split(uids))
        {
            await RunChunkAsync(tally, chunk.Length, async (context, token) =>
            {
                tally.Selecting(context, step.Target);
                var folder = await context.SelectAsync(step.Target, token).ConfigureAwait(false);
                if (folder.UidValidity != step.TargetValidity)
                {
                    return (0, null);
                }

                var set = UidChunks.ToSet(step.TargetValidity, chunk);
                if (step.KeywordsAdded.Count > 0 && (folder.PermanentFlags & MessageFlags.UserDefined) != 0)
                {
                    await folder.StoreAsync(set, new StoreFlagsRequest(StoreAction.Remove, MessageFlags.None, step.KeywordsAdded) { Silent = true }, token).ConfigureAwait(false);
                }

                if (chunk.Where(hadRemoved.Contains).ToArray() is { Length: > 0 } had && (folder.PermanentFlags & MessageFlags.UserDefined) != 0)
                {
                    await folder.StoreAsync(UidChunks.ToSet(step.TargetValidity, had), new StoreFlagsRequest(StoreAction.Add, MessageFlags.None, step.KeywordsRemoved) { Silent = true }, token).ConfigureAwait(false);
                }

                var source = await context.GetFolderAsync(step.Source, token).ConfigureAwait(false);
                var map = await folder.MoveToAsync(set, source, token).ConfigureAwait(false);
                return (context.Has(ImapCapabilities.UidPlus) ? map.Count : chunk.Length, (UndoStep?)null);
            }, ct).ConfigureAwait(false);
        }

        tally.Touched.Add(step.Source);
        tally.Touched.Add(step.Target);
    }

    /// <summary>Without UIDPLUS: the moved messages in the target, by Message-ID, among the UIDs given since the move (never older mail).</summary>
    private async Task<uint[]> FindByMessageIdAsync(MovedStep step, string?[] messageIds, CancellationToken ct)
    {
        var found = new SortedSet<uint>();
        foreach (var ids in messageIds.OfType<string>().Distinct(StringComparer.Ordinal).Chunk(IdsPerSearch))
        {
            var uids = await _connection.RunAsync(async (context, token) =>
            {
                var folder = await context.SelectAsync(step.Target, token).ConfigureAwait(false);
                if (folder.UidValidity != step.TargetValidity)
                {
                    return [];
                }

                var since = new UniqueIdRange(new UniqueId(step.TargetValidity, Math.Max(1, step.TargetUidNext)), UniqueId.MaxValue);
                return await SearchAsync(context, folder, SearchQuery.Uids(since).And(AnyOf(ids)), token).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
            found.UnionWith(uids);
        }

        return [.. found];
    }

    /// <summary>OR of Message-ID matches as a balanced tree (a long left-leaning OR chain nests deep in the server's parser).</summary>
    private static SearchQuery AnyOf(ReadOnlySpan<string> ids) => ids.Length == 1
        ? SearchQuery.HeaderContains("Message-ID", ids[0])
        : AnyOf(ids[..(ids.Length / 2)]).Or(AnyOf(ids[(ids.Length / 2)..]));

    [LoggerMessage(Level = LogLevel.Information, Message = "Undo: {Restored} messages restored, {Missing} gone meanwhile, {Failed} failed")]
    private static partial void LogUndone(ILogger logger, int restored, int missing, int failed);
}
