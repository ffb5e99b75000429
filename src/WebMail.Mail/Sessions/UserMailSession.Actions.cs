using MailKit;
using WebMail.Mail.Model;

namespace WebMail.Mail.Sessions;

public sealed partial class UserMailSession
{
    /// <summary>Marks a message read or unread.</summary>
    public Task SetSeenAsync(MessageRef id, bool seen, CancellationToken cancellationToken = default) =>
        SetFlagAsync(id, MessageFlags.Seen, seen, cancellationToken);

    /// <summary>Flags or unflags a message.</summary>
    public Task SetFlaggedAsync(MessageRef id, bool flagged, CancellationToken cancellationToken = default) =>
        SetFlagAsync(id, MessageFlags.Flagged, flagged, cancellationToken);

    private Task SetFlagAsync(MessageRef id, MessageFlags flag, bool on, CancellationToken cancellationToken) =>
        RunAsync(async (client, ct) =>
        {
            var folder = await OpenForAsync(client, id, ct).ConfigureAwait(false);
            var request = new StoreFlagsRequest(on ? StoreAction.Add : StoreAction.Remove, flag) { Silent = true };
            await folder.StoreAsync(new UniqueId(id.UidValidity, id.Uid), request, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Moves a message to Trash; a message already in Trash is deleted for good.</summary>
    public Task DeleteAsync(MessageRef id, CancellationToken cancellationToken = default) =>
        RunAsync(async (client, ct) =>
        {
            var folder = await OpenForAsync(client, id, ct).ConfigureAwait(false);
            var trash = await GetSpecialFolderAsync(client, FolderRole.Trash, ct).ConfigureAwait(false);
            var uid = new UniqueId(id.UidValidity, id.Uid);
            if (trash.FullName == folder.FullName)
            {
                await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, ct).ConfigureAwait(false);
                await folder.ExpungeAsync([uid], ct).ConfigureAwait(false);
            }
            else
            {
                await folder.MoveToAsync(uid, trash, ct).ConfigureAwait(false);
            }
        }, cancellationToken);

    /// <summary>Moves a message to another folder.</summary>
    public Task MoveAsync(MessageRef id, string targetFolder, CancellationToken cancellationToken = default) =>
        RunAsync(async (client, ct) =>
        {
            var folder = await OpenForAsync(client, id, ct).ConfigureAwait(false);
            var target = await GetFolderAsync(client, targetFolder, ct).ConfigureAwait(false);
            if (target.FullName != folder.FullName)
            {
                await folder.MoveToAsync(new UniqueId(id.UidValidity, id.Uid), target, ct).ConfigureAwait(false);
            }
        }, cancellationToken);

    private async Task<IMailFolder> OpenForAsync(MailKit.Net.Imap.ImapClient client, MessageRef id, CancellationToken ct)
    {
        var folder = await SelectAsync(client, id.Folder, ct).ConfigureAwait(false);
        return folder.UidValidity == id.UidValidity
            ? folder
            : throw new MailItemNotFoundException("This message no longer exists; the folder was changed on the server.");
    }
}
