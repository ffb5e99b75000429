using MailKit;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Actions;

/// <summary>
/// What the user does to messages: flags, delete, move. Flag stores are not silent, so the server echoes the new
/// flags; those echoes, and the expunges of moves, reach every tab through the watcher and the mailbox view like
/// changes made by any other client.
/// </summary>
public sealed class MessageActions
{
    private readonly MailConnection _connection;
    private readonly Action<string> _countsChanged;

    /// <param name="countsChanged">Told the name of a folder whose counts an action changed out of the watcher's sight (a move's target).</param>
    internal MessageActions(MailConnection connection, Action<string> countsChanged)
    {
        _connection = connection;
        _countsChanged = countsChanged;
    }

    /// <summary>Marks a message read or unread.</summary>
    public Task SetSeenAsync(MessageRef id, bool seen, CancellationToken cancellationToken = default) =>
        SetFlagAsync(id, MessageFlags.Seen, seen, cancellationToken);

    /// <summary>Flags or unflags a message.</summary>
    public Task SetFlaggedAsync(MessageRef id, bool flagged, CancellationToken cancellationToken = default) =>
        SetFlagAsync(id, MessageFlags.Flagged, flagged, cancellationToken);

    private Task SetFlagAsync(MessageRef id, MessageFlags flag, bool on, CancellationToken cancellationToken) =>
        _connection.RunAsync(async (context, ct) =>
        {
            var folder = await context.OpenForAsync(id, ct).ConfigureAwait(false);
            var request = new StoreFlagsRequest(on ? StoreAction.Add : StoreAction.Remove, flag);
            await folder.StoreAsync(new UniqueId(id.UidValidity, id.Uid), request, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Moves a message to Trash; a message already in Trash is deleted for good.</summary>
    public async Task DeleteAsync(MessageRef id, CancellationToken cancellationToken = default)
    {
        var target = await _connection.RunAsync(async (context, ct) =>
        {
            var folder = await context.OpenForAsync(id, ct).ConfigureAwait(false);
            var trash = await context.GetSpecialFolderAsync(FolderRole.Trash, ct).ConfigureAwait(false);
            if (trash.FullName == folder.FullName)
            {
                await context.DeleteForGoodAsync(id, ct).ConfigureAwait(false);
                return null;
            }

            await folder.MoveToAsync(new UniqueId(id.UidValidity, id.Uid), trash, ct).ConfigureAwait(false);
            return trash.FullName;
        }, cancellationToken).ConfigureAwait(false);
        if (target is not null)
        {
            _countsChanged(target);
        }
    }

    /// <summary>Moves a message to another folder.</summary>
    public async Task MoveAsync(MessageRef id, string targetFolder, CancellationToken cancellationToken = default)
    {
        var moved = await _connection.RunAsync(async (context, ct) =>
        {
            var folder = await context.OpenForAsync(id, ct).ConfigureAwait(false);
            var target = await context.GetFolderAsync(targetFolder, ct).ConfigureAwait(false);
            if (target.FullName == folder.FullName)
            {
                return false;
            }

            await folder.MoveToAsync(new UniqueId(id.UidValidity, id.Uid), target, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (moved)
        {
            _countsChanged(targetFolder);
        }
    }
}
