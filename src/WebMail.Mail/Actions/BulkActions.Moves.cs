using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Actions;

/// <summary>Moves, copies, delete, archive and spam: UID MOVE (or COPY) per folder per chunk, with what undo needs.</summary>
public sealed partial class BulkActions
{
    private const string JunkKeyword = "$Junk";
    private const string NotJunkKeyword = "$NotJunk";

    /// <summary>Without UIDPLUS moved messages are found again by Message-ID: fetched before they leave.</summary>
    private static readonly IFetchRequest MessageIdRequest = new FetchRequest(MessageSummaryItems.UniqueId, [HeaderId.MessageId]);

    public async Task<ActionReceipt> MoveAsync(MessageSelection s, string targetFolder, IProgress<BulkProgress>? p = null, CancellationToken ct = default)
    {
        var resolved = await ResolveAsync(s, null, ct).ConfigureAwait(false);
        var folders = resolved.Folders;
        var tally = await MoveAllAsync(folders.Select(f => (f, targetFolder)), resolved, copy: false, [], [], p, ct).ConfigureAwait(false);
        return MovedReceipt(tally, ReceiptKind.Moved, ReceiptVerb.Moved, targetFolder);
    }

    /// <summary>Copies messages; a copy is not undone (the originals stay where they were).</summary>
    public async Task<ActionReceipt> CopyAsync(MessageSelection s, string targetFolder, IProgress<BulkProgress>? p = null, CancellationToken ct = default)
    {
        var resolved = await ResolveAsync(s, null, ct).ConfigureAwait(false);
        var folders = resolved.Folders;
        var tally = await MoveAllAsync(folders.Select(f => (f, targetFolder)), resolved, copy: true, [], [], p, ct).ConfigureAwait(false);
        LogDone(_logger, "copy", tally.Succeeded, tally.Failed, folders.Count);
        return new ActionReceipt(new ReceiptWords(ReceiptKind.Copied, tally.Succeeded, targetFolder), tally.Succeeded, tally.Failed,
            tally.Failure(ReceiptVerb.Copied), targetFolder, [], (_, _) => new ReceiptWords(ReceiptKind.NothingToUndo, 0));
    }

    /// <summary>Moves messages to Trash; those already in Trash are deleted for good (not undoable).</summary>
    public async Task<ActionReceipt> DeleteAsync(MessageSelection s, IProgress<BulkProgress>? p = null, CancellationToken ct = default)
    {
        var trash = await _connection.RunAsync(async (context, token) =>
            (await context.GetSpecialFolderAsync(FolderRole.Trash, token).ConfigureAwait(false)).FullName, ct).ConfigureAwait(false);
        var resolved = await ResolveAsync(s, null, ct).ConfigureAwait(false);
        var folders = resolved.Folders;
        var inTrash = folders.Where(f => f.Folder == trash).ToList();
        var elsewhere = folders.Where(f => f.Folder != trash).ToList();
        var tally = await MoveAllAsync(elsewhere.Select(f => (f, trash)), resolved, copy: false, [], [], p, ct).ConfigureAwait(false);
        var moved = tally.Succeeded;
        foreach (var source in inTrash)
        {
            foreach (var chunk in UidChunks.Split(source.Uids))
            {
                if (!await RunChunkAsync(tally, chunk.Length, async (context, token) =>
                {
                    var folder = await SelectSameAsync(context, tally, source, token).ConfigureAwait(false);
                    var set = UidChunks.ToSet(source.UidValidity, chunk);
                    await folder.StoreAsync(set, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, token).ConfigureAwait(false);
                    // UID EXPUNGE of just these (MailKit keeps other \Deleted messages where the server lacks UIDPLUS).
                    await folder.ExpungeAsync(set, token).ConfigureAwait(false);
                    return (chunk.Length, (UndoStep?)null);
                }, ct).ConfigureAwait(false))
                {
                    break;
                }
            }
        }

        await RestoreSelectionAsync(tally).ConfigureAwait(false);
        var gone = tally.Succeeded - moved;
        var words = moved == 0 ? new ReceiptWords(ReceiptKind.DeletedForGood, gone)
            : gone == 0 ? new ReceiptWords(ReceiptKind.MovedToTrash, moved, trash)
            : new ReceiptWords(ReceiptKind.MovedToTrashAndDeleted, moved, trash, Deleted: gone);
        LogDone(_logger, "delete", tally.Succeeded, tally.Failed, folders.Count);
        return new ActionReceipt(words, tally.Succeeded, tally.Failed, tally.Failure(ReceiptVerb.Deleted), trash, tally.Steps, MovedBack);
    }

    /// <summary>Moves messages to the \Archive folder (created if missing); <paramref name="perYear"/>: into Archive/2026 by the message's date.</summary>
    public async Task<ActionReceipt> ArchiveAsync(MessageSelection s, bool perYear = false, IProgress<BulkProgress>? p = null, CancellationToken ct = default)
    {
        var archive = await EnsureArchiveAsync(ct).ConfigureAwait(false);
        var resolved = await ResolveAsync(s, null, ct).ConfigureAwait(false);
        var folders = resolved.Folders;
        var batches = perYear ? await ByYearAsync(folders, archive, ct).ConfigureAwait(false) : [.. folders.Select(f => (f, archive))];
        var tally = await MoveAllAsync(batches, resolved, copy: false, [], [], p, ct).ConfigureAwait(false);
        return MovedReceipt(tally, ReceiptKind.Archived, ReceiptVerb.Archived, archive);
    }

    /// <summary>Spam: to Junk with <c>$Junk</c> (and without <c>$NotJunk</c>). Not spam: to Inbox with <c>$NotJunk</c> (and without <c>$Junk</c>).</summary>
    public async Task<ActionReceipt> SetSpamAsync(MessageSelection s, bool spam, IProgress<BulkProgress>? p = null, CancellationToken ct = default)
    {
        var target = spam
            ? await _connection.RunAsync(async (context, token) =>
                (await context.GetSpecialFolderAsync(FolderRole.Junk, token).ConfigureAwait(false)).FullName, ct).ConfigureAwait(false)
            : "INBOX";
        var resolved = await ResolveAsync(s, null, ct).ConfigureAwait(false);
        var folders = resolved.Folders;
        string[] add = [spam ? JunkKeyword : NotJunkKeyword];
        string[] remove = [spam ? NotJunkKeyword : JunkKeyword];
        var tally = await MoveAllAsync(folders.Select(f => (f, target)), resolved, copy: false, add, remove, p, ct).ConfigureAwait(false);
        return MovedReceipt(tally, spam ? ReceiptKind.MarkedSpam : ReceiptKind.MarkedNotSpam, ReceiptVerb.Moved, target);
    }

    private ActionReceipt MovedReceipt(BulkTally tally, ReceiptKind done, ReceiptVerb verb, string target)
    {
        LogDone(_logger, verb.ToString(), tally.Succeeded, tally.Failed, tally.Touched.Count);
        var kind = tally is { Succeeded: 0, Failed: > 0 } ? (verb == ReceiptVerb.Archived ? ReceiptKind.NoneArchived : ReceiptKind.NoneMoved) : done;
        return new ActionReceipt(new ReceiptWords(kind, tally.Succeeded, target), tally.Succeeded, tally.Failed,
            tally.Failure(verb), target, tally.Steps, MovedBack);
    }

    private static ReceiptWords MovedBack(int restored, string? folder) => new(ReceiptKind.MovedBack, restored, folder);

    private async Task<BulkTally> MoveAllAsync(IEnumerable<(FolderUids Source, string Target)> batches, Resolved all, bool copy,
        string[] addKeywords, string[] removeKeywords, IProgress<BulkProgress>? p, CancellationToken ct)
    {
        var tally = new BulkTally(all.Total, p);
        tally.SelectedBefore(all.SelectedBefore, all.SearchedElsewhere);
        foreach (var (source, target) in batches)
        {
            tally.Touched.Add(target);
            foreach (var chunk in UidChunks.Split(source.Uids))
            {
                if (!await RunChunkAsync(tally, chunk.Length, (context, token) => MoveChunkAsync(context, tally, source, chunk, target, copy, addKeywords, removeKeywords, token), ct).ConfigureAwait(false))
                {
                    await RestoreSelectionAsync(tally).ConfigureAwait(false);
                    return tally;
                }
            }
        }

        await RestoreSelectionAsync(tally).ConfigureAwait(false);
        return tally;
    }

    /// <summary>One chunk: keywords first (they travel with the message), then one UID MOVE or COPY; the COPYUID answer kept for undo.</summary>
    private static async Task<(int, UndoStep?)> MoveChunkAsync(ImapContext context, BulkTally tally, FolderUids source, uint[] chunk, string targetPath,
        bool copy, string[] addKeywords, string[] removeKeywords, CancellationToken ct)
    {
        var folder = await SelectSameAsync(context, tally, source, ct).ConfigureAwait(false);
        var set = UidChunks.ToSet(source.UidValidity, chunk);
        uint[] had = [];
        if (addKeywords.Length + removeKeywords.Length > 0 && (folder.PermanentFlags & MessageFlags.UserDefined) != 0)
        {
            // Which messages had the keywords about to be removed: undo puts them back on those only.
            had = removeKeywords.Length == 0 ? []
                : await SearchAsync(context, folder, SearchQuery.Uids(set).And(removeKeywords.Select(k => (SearchQuery)SearchQuery.HasKeyword(k)).Aggregate((a, b) => a.Or(b))), ct).ConfigureAwait(false);
            await folder.StoreAsync(set, new StoreFlagsRequest(StoreAction.Remove, MessageFlags.None, removeKeywords) { Silent = true }, ct).ConfigureAwait(false);
            await folder.StoreAsync(set, new StoreFlagsRequest(StoreAction.Add, MessageFlags.None, addKeywords) { Silent = true }, ct).ConfigureAwait(false);
        }

        var target = await context.GetFolderAsync(targetPath, ct).ConfigureAwait(false);
        if (target.FullName == folder.FullName)
        {
            return (chunk.Length, null);
        }

        var uidPlus = context.Has(ImapCapabilities.UidPlus);
        string?[] ids = [];
        string?[] hadIds = [];
        uint uidNext = 0;
        if (!uidPlus)
        {
            await target.StatusAsync(StatusItems.UidNext | StatusItems.UidValidity, ct).ConfigureAwait(false);
            uidNext = target.UidNext?.Id ?? 1;
            var fetched = (await folder.FetchAsync(set, MessageIdRequest, ct).ConfigureAwait(false)).OrderBy(m => m.UniqueId.Id).ToList();
            ids = [.. fetched.Select(MessageIdOf)];
            hadIds = [.. fetched.Where(m => Array.BinarySearch(had, m.UniqueId.Id) >= 0).Select(MessageIdOf)];
        }

        var map = copy
            ? await folder.CopyToAsync(set, target, ct).ConfigureAwait(false)
            : await folder.MoveToAsync(set, target, ct).ConfigureAwait(false);
        var moved = uidPlus ? map.Count : ids.Length;
        if (moved == 0 || copy)
        {
            return (moved, null);
        }

        var validity = uidPlus ? map.Destination[0].Validity : target.UidValidity;
        var hadUids = uidPlus && had.Length > 0 ? [.. had.Select(u => map.TryGetValue(new UniqueId(source.UidValidity, u), out var to) ? to.Id : 0).Where(u => u != 0).Order()] : Array.Empty<uint>();
        return (moved, new MovedStep(source.Folder, target.FullName, validity, uidPlus ? UidChunks.ToArray(map.Destination) : [], ids, uidNext, moved, addKeywords)
        {
            KeywordsRemoved = had.Length > 0 ? removeKeywords : [],
            HadRemovedUids = hadUids,
            HadRemovedIds = hadIds,
        });
    }

    private static string? MessageIdOf(IMessageSummary summary) =>
        summary.Headers?[HeaderId.MessageId] is { Length: > 0 } raw ? raw.Trim() : null;
}
