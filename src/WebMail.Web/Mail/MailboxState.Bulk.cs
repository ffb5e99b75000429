using WebMail.Mail.Actions;

namespace WebMail.Web.Mail;

/// <summary>
/// Acting on many messages, and undo, for this tab: thin doors to the user's <see cref="BulkActions"/>. Methods whose
/// single-message names are taken (<see cref="SetSeenAsync"/>, <see cref="MoveAsync"/> …) are called Bulk*.
/// </summary>
public sealed partial class MailboxState
{
    public async Task<ActionReceipt> BulkSetSeenAsync(MessageSelection s, bool seen, IProgress<BulkProgress>? p = null) =>
        await (await SessionAsync()).Bulk.SetSeenAsync(s, seen, p);

    public async Task<ActionReceipt> BulkSetFlaggedAsync(MessageSelection s, bool flagged, IProgress<BulkProgress>? p = null) =>
        await (await SessionAsync()).Bulk.SetFlaggedAsync(s, flagged, p);

    public async Task<ActionReceipt> SetKeywordAsync(MessageSelection s, string keyword, bool on, IProgress<BulkProgress>? p = null) =>
        await (await SessionAsync()).Bulk.SetKeywordAsync(s, keyword, on, p);

    public async Task<ActionReceipt> BulkMoveAsync(MessageSelection s, string folder, IProgress<BulkProgress>? p = null) =>
        await (await SessionAsync()).Bulk.MoveAsync(s, folder, p);

    public async Task<ActionReceipt> CopyAsync(MessageSelection s, string folder, IProgress<BulkProgress>? p = null) =>
        await (await SessionAsync()).Bulk.CopyAsync(s, folder, p);

    public async Task<ActionReceipt> BulkDeleteAsync(MessageSelection s, IProgress<BulkProgress>? p = null) =>
        await (await SessionAsync()).Bulk.DeleteAsync(s, p);

    public async Task<ActionReceipt> ArchiveAsync(MessageSelection s, bool perYear = false, IProgress<BulkProgress>? p = null) =>
        await (await SessionAsync()).Bulk.ArchiveAsync(s, perYear, p);

    public async Task<ActionReceipt> SetSpamAsync(MessageSelection s, bool spam, IProgress<BulkProgress>? p = null) =>
        await (await SessionAsync()).Bulk.SetSpamAsync(s, spam, p);

    public async Task<ActionReceipt> MarkAllReadAsync(string folder) => await (await SessionAsync()).Bulk.MarkAllReadAsync(folder);

    /// <summary>Empties Trash or Junk for good (any other folder is refused); returns how many messages were deleted.</summary>
    public async Task<int> EmptyFolderAsync(string folder) => await (await SessionAsync()).Bulk.EmptyFolderAsync(folder);

    public async Task<UndoResult> UndoAsync(ActionReceipt r) => await (await SessionAsync()).Bulk.UndoAsync(r);

    public async Task<bool> CanLabelAsync(string folder) => await (await SessionAsync()).Bulk.CanLabelAsync(folder);
}
