using WebMail.Mail.Folders;
using WebMail.Mail.Model;

namespace WebMail.Web.Mail;

/// <summary>Folder management for this tab: every change is made once on the user's session and told to all of the user's tabs.</summary>
public sealed partial class MailboxState
{
    private static readonly IReadOnlySet<string> NoneHidden = new HashSet<string>();

    /// <summary>Folders the tree leaves out (unsubscribed) as last read; empty before <see cref="GetHiddenFoldersAsync"/>.</summary>
    public IReadOnlySet<string> HiddenFolders => _lease?.Session.View.HiddenFolders ?? NoneHidden;

    /// <summary>Whether the server lets the user choose special folders (known after the folder list was read by <see cref="ListAllFoldersAsync"/> or a folder command).</summary>
    public bool CanSetSpecialUse => _lease?.Session.FolderAdmin.CanSetSpecialUse ?? false;

    /// <summary>The folders the tree leaves out: read once per user (one LIST and one LIST of subscriptions), then kept by each change.</summary>
    public async Task<IReadOnlySet<string>> GetHiddenFoldersAsync(CancellationToken cancellationToken = default)
    {
        var session = await SessionAsync();
        if (session.View.HiddenFolders is { } known)
        {
            return known;
        }

        await session.FolderAdmin.ListAllAsync(cancellationToken);
        return session.View.HiddenFolders ?? NoneHidden;
    }

    /// <summary>Tells <paramref name="changed"/> of every folder change made in any of the user's tabs (not on the circuit's thread). Dispose to stop.</summary>
    public async Task<IDisposable> SubscribeFolderListAsync(Action<FolderListChange> changed) =>
        (await SessionAsync()).View.SubscribeFolderList(changed);

    public async Task<IReadOnlyList<FolderListing>> ListAllFoldersAsync(CancellationToken cancellationToken = default) =>
        await (await SessionAsync()).FolderAdmin.ListAllAsync(cancellationToken);

    public async Task<string> CreateFolderAsync(string? parentPath, string name) =>
        await (await SessionAsync()).FolderAdmin.CreateAsync(parentPath, name);

    public async Task<string> RenameFolderAsync(string path, string newName) =>
        await (await SessionAsync()).FolderAdmin.RenameAsync(path, newName);

    public async Task<string> MoveFolderAsync(string path, string? newParentPath) =>
        await (await SessionAsync()).FolderAdmin.MoveAsync(path, newParentPath);

    public async Task<(int Messages, int Folders)> CountFolderForDeleteAsync(string path) =>
        await (await SessionAsync()).FolderAdmin.CountForDeleteAsync(path);

    public async Task DeleteFolderAsync(string path) =>
        await (await SessionAsync()).FolderAdmin.DeleteAsync(path);

    public async Task SetFolderSubscribedAsync(string path, bool subscribed) =>
        await (await SessionAsync()).FolderAdmin.SetSubscribedAsync(path, subscribed);

    public async Task SetFolderSpecialUseAsync(string path, FolderRole role) =>
        await (await SessionAsync()).FolderAdmin.SetSpecialUseAsync(path, role);
}
