using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Mailbox;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Folders;

/// <summary>
/// Creating, renaming, moving and deleting the user's folders, their subscriptions and special use. Names are checked
/// first (sentences a user understands); the server's refusals come back with its reason. After every change the
/// folder list is read again and every tab of the user is told (<see cref="MailboxView.SubscribeFolderList"/>).
/// </summary>
public sealed partial class FolderManager
{
    private readonly MailConnection _connection;
    private readonly MailboxView _view;
    private readonly ILogger _logger;
    private ImapCapabilities _capabilities;

    internal FolderManager(MailConnection connection, MailboxView view, ILogger logger)
    {
        _connection = connection;
        _view = view;
        _logger = logger;
    }

    /// <summary>Creates <paramref name="name"/> under <paramref name="parentPath"/> (null: at the top); returns its path.</summary>
    public Task<string> CreateAsync(string? parentPath, string name, CancellationToken ct = default) =>
        ChangeAsync("create", name, async (folders, token) =>
        {
            var clean = FolderNames.Check(name, folders.Separator);
            var path = folders.ChildPath(parentPath, clean);
            folders.CheckFree(path, clean);
            var parent = await folders.ParentAsync(parentPath, token).ConfigureAwait(false);
            var created = await parent.CreateAsync(clean, true, token).ConfigureAwait(false)
                ?? throw new FolderRequestException("The mail server did not create the folder.");
            if (folders.SubscriptionsInUse)
            {
                // The tree shows subscribed folders: a new one is subscribed, as other mail clients do.
                await created.SubscribeAsync(token).ConfigureAwait(false);
            }

            LogCreated(_logger, created.FullName);
            return new FolderListChange(FolderChangeKind.Created, created.FullName, created.FullName, folders.Separator);
        }, ct);

    /// <summary>Renames a folder in place (its subfolders go with it); returns its new path.</summary>
    public Task<string> RenameAsync(string path, string newName, CancellationToken ct = default) =>
        ChangeAsync("rename", path, async (folders, token) =>
        {
            var folder = folders.Get(path);
            FolderNames.CheckChangeable(folder.Name, folders.RoleOf(path), "renamed");
            folders.CheckNoSpecialInside(path, folder.Name, "renamed");
            var clean = FolderNames.Check(newName, folders.Separator);
            var cut = folders.Separator == '\0' ? -1 : path.LastIndexOf(folders.Separator);
            var parentPath = cut >= folders.Prefix.Length && cut > 0 ? path[..cut] : null;
            var target = folders.ChildPath(parentPath, clean);
            if (target == path)
            {
                return new FolderListChange(FolderChangeKind.Renamed, path, path, folders.Separator);
            }

            folders.CheckFree(target, clean);
            await RenameCoreAsync(folders, folder, folder.ParentFolder ?? await folders.ParentAsync(parentPath, token).ConfigureAwait(false), clean, target, token).ConfigureAwait(false);
            LogRenamed(_logger, path, target);
            return new FolderListChange(FolderChangeKind.Renamed, path, target, folders.Separator);
        }, ct);

    /// <summary>Moves a folder (with its subfolders) under <paramref name="newParentPath"/>, or to the top when null; returns its new path.</summary>
    public Task<string> MoveAsync(string path, string? newParentPath, CancellationToken ct = default) =>
        ChangeAsync("move", path, async (folders, token) =>
        {
            var folder = folders.Get(path);
            FolderNames.CheckChangeable(folder.Name, folders.RoleOf(path), "moved");
            folders.CheckNoSpecialInside(path, folder.Name, "moved");
            if (newParentPath is not null && (newParentPath == path || FolderSnapshot.IsUnder(newParentPath, path, folders.Separator)))
            {
                throw new FolderRequestException("A folder cannot be moved into itself or one of its subfolders.");
            }

            var target = folders.ChildPath(newParentPath, folder.Name);
            if (target == path)
            {
                return new FolderListChange(FolderChangeKind.Moved, path, path, folders.Separator);
            }

            folders.CheckFree(target, folder.Name);
            var parent = await folders.ParentAsync(newParentPath, token).ConfigureAwait(false);
            await RenameCoreAsync(folders, folder, parent, folder.Name, target, token).ConfigureAwait(false);
            LogMoved(_logger, path, target);
            return new FolderListChange(FolderChangeKind.Moved, path, target, folders.Separator);
        }, ct);

    /// <summary>How many messages and subfolders deleting <paramref name="path"/> would remove (STATUS of each).</summary>
    public Task<(int Messages, int Folders)> CountForDeleteAsync(string path, CancellationToken ct = default) =>
        _connection.RunAsync<(int, int)>(async (context, token) =>
        {
            var folders = await ReadAsync(context, token).ConfigureAwait(false);
            folders.Get(path);
            var subtree = folders.Subtree(path);
            var messages = 0;
            foreach (var folder in subtree.Where(FolderLayout.IsSelectable))
            {
                if (context.Selected is { IsOpen: true } selected && selected.FullName == folder.FullName)
                {
                    messages += selected.Count;
                    continue;
                }

                await folder.StatusAsync(StatusItems.Count, token).ConfigureAwait(false);
                messages += folder.Count;
            }

            return (messages, subtree.Count - 1);
        }, ct);

    /// <summary>Deletes a folder with everything under it (subfolders first), and their subscriptions.</summary>
    public Task DeleteAsync(string path, CancellationToken ct = default) =>
        ChangeAsync("delete", path, async (folders, token) =>
        {
            var folder = folders.Get(path);
            FolderNames.CheckChangeable(folder.Name, folders.RoleOf(path), "deleted");
            folders.CheckNoSpecialInside(path, folder.Name, "deleted");
            var subtree = folders.Subtree(path);

            await LeaveAsync(folders, path, token).ConfigureAwait(false);
            foreach (var doomed in subtree)
            {
                if (folders.Subscribed.Contains(doomed.FullName))
                {
                    await doomed.UnsubscribeAsync(token).ConfigureAwait(false);
                }

                if (doomed.Exists)
                {
                    await doomed.DeleteAsync(token).ConfigureAwait(false);
                }
            }

            LogDeleted(_logger, path, subtree.Count - 1);
            return new FolderListChange(FolderChangeKind.Deleted, path, null, folders.Separator);
        }, ct);

    /// <summary>RENAME, carrying the subscriptions of the folder and its subfolders along (servers such as Dovecot leave them behind).</summary>
    private static async Task RenameCoreAsync(FolderSnapshot folders, IMailFolder folder, IMailFolder parent, string name, string target, CancellationToken ct)
    {
        await LeaveAsync(folders, folder.FullName, ct).ConfigureAwait(false);
        var subscribed = folders.Subtree(folder.FullName).Where(f => folders.Subscribed.Contains(f.FullName)).ToList();
        var moved = subscribed.Select(f => target + f.FullName[folder.FullName.Length..]).ToList();
        foreach (var old in subscribed)
        {
            await old.UnsubscribeAsync(ct).ConfigureAwait(false);
        }

        await folder.RenameAsync(parent, name, ct).ConfigureAwait(false);
        foreach (var path in moved)
        {
            await (await folders.Context.Client.GetFolderAsync(path, ct).ConfigureAwait(false)).SubscribeAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>The selected folder is about to be renamed or deleted: select the inbox instead, so no command runs in a folder that is gone.</summary>
    private static async Task LeaveAsync(FolderSnapshot folders, string path, CancellationToken ct)
    {
        if (folders.Context.Selected is { } selected && (selected.FullName == path || FolderSnapshot.IsUnder(selected.FullName, path, folders.Separator)))
        {
            await folders.Context.SelectAsync("INBOX", ct).ConfigureAwait(false);
        }
    }

    private async Task<FolderSnapshot> ReadAsync(ImapContext context, CancellationToken ct)
    {
        _capabilities = context.Client.Capabilities;
        return await FolderSnapshot.ReadAsync(context, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one folder command on a fresh listing, then reads the list again and tells every tab. A refusal comes back
    /// as the server's reason in a sentence; nothing is lost (the folder list is read again either way).
    /// </summary>
    private async Task<string> ChangeAsync(string verb, string name, Func<FolderSnapshot, CancellationToken, Task<FolderListChange>> command, CancellationToken ct)
    {
        FolderListChange change;
        IReadOnlySet<string> hidden;
        try
        {
            (change, hidden) = await _connection.RunAsync(async (context, token) =>
            {
                var before = await ReadAsync(context, token).ConfigureAwait(false);
                try
                {
                    var done = await command(before, token).ConfigureAwait(false);
                    return (done, (await ReadAsync(context, token).ConfigureAwait(false)).Hidden());
                }
                finally
                {
                    // Whatever happened, no folder object of the old list is used again.
                    context.ForgetFolders();
                }
            }, ct).ConfigureAwait(false);
        }
        catch (MailCommandException ex) when (ex.InnerException is ImapCommandException refused)
        {
            LogRefused(_logger, verb, name, refused.ResponseText ?? "");
            await _view.FolderListChangedAsync(null, null, CancellationToken.None).ConfigureAwait(false);
            var kind = verb switch
            {
                "create" => MailFailureKind.CreateFolderRefused,
                "rename" => MailFailureKind.RenameFolderRefused,
                "move" => MailFailureKind.MoveFolderRefused,
                "delete" => MailFailureKind.DeleteFolderRefused,
                _ => MailFailureKind.FolderUseRefused,
            };
            throw new MailCommandException(MailFailure.Of(kind, Display(name), refused.ResponseText?.Trim() ?? ""), refused);
        }

        await _view.FolderListChangedAsync(change, hidden, ct).ConfigureAwait(false);
        return change.NewPath ?? change.Path;
    }

    private static string Display(string path)
    {
        var cut = path.LastIndexOfAny(['/', '.']);
        return cut >= 0 && cut < path.Length - 1 ? path[(cut + 1)..] : path;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Folder {Path} created")]
    private static partial void LogCreated(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Folder {Path} renamed to {NewPath}")]
    private static partial void LogRenamed(ILogger logger, string path, string newPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Folder {Path} moved to {NewPath}")]
    private static partial void LogMoved(ILogger logger, string path, string newPath);

    [LoggerMessage(Level = LogLevel.Information, Message = "Folder {Path} deleted with {Subfolders} subfolders")]
    private static partial void LogDeleted(ILogger logger, string path, int subfolders);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server would not {Verb} folder {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string verb, string path, string reason);
}
