using MailKit;
using MailKit.Net.Imap;
using WebMail.Mail.Diagnostics;
using WebMail.Mail.Model;

namespace WebMail.Mail.Sessions;

/// <summary>
/// One open, authenticated connection as the services see it while they hold the session's gate: the client,
/// the folders found on it, and the one selected folder. A new context is made for every new connection, so
/// nothing of a dropped connection (folder objects, selection) outlives it.
/// </summary>
internal sealed class ImapContext(ImapClient client, Action<IMailFolder, IMailFolder?> selected, FolderLayout? layout = null)
{
    private readonly Dictionary<string, IMailFolder> _folders = new(StringComparer.Ordinal);
    private Dictionary<string, FolderRole>? _roles;
    private bool _reselect;

    public ImapClient Client { get; } = client;

    /// <summary>Where the user's folders are, and how special folders are found.</summary>
    public FolderLayout Layout { get; } = layout ?? FolderLayout.Default;

    /// <summary>The folder currently selected (opened read-write), if any.</summary>
    public IMailFolder? Selected { get; private set; }

    public bool Has(ImapCapabilities capability) => (Client.Capabilities & capability) != 0;

    /// <summary>Remembers folders found by LIST, so SELECT needs no extra round trip to find them, and which are special.</summary>
    public IReadOnlyDictionary<string, FolderRole> Remember(IReadOnlyCollection<IMailFolder> folders, FolderNamespace listed)
    {
        foreach (var folder in folders)
        {
            _folders[folder.FullName] = folder;
        }

        return _roles = Layout.Roles(folders, listed);
    }

    public void ForgetFolders()
    {
        _folders.Clear();
        _roles = null;
    }

    /// <summary>Finds a folder by path (cached per connection) and makes it the selected one, read-write.</summary>
    public async Task<IMailFolder> SelectAsync(string path, CancellationToken ct)
    {
        if (!_reselect && Selected is { IsOpen: true } current && current.FullName == path && current.Access == FolderAccess.ReadWrite)
        {
            return current;
        }

        var folder = await GetFolderAsync(path, ct).ConfigureAwait(false);
        ImapCommandTrace.Of(Client)?.Selecting(RoleOf(path));
        try
        {
            await folder.OpenAsync(FolderAccess.ReadWrite, ct).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failed SELECT leaves no folder selected on the server (RFC 3501 6.3.1), whatever MailKit still says.
            _reselect = true;
            throw;
        }

        _reselect = false;
        var previous = Selected;
        Selected = folder;
        selected(folder, previous);
        return folder;
    }

    /// <summary>The folder's special-use role for telemetry, when known (a folder's name may be personal; its role is not).</summary>
    private FolderRole? RoleOf(string path) =>
        path.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? FolderRole.Inbox : _roles?.TryGetValue(path, out var role) == true ? role : null;

    /// <summary>Selects the message's folder, checking that it is still the same folder (UIDVALIDITY).</summary>
    public async Task<IMailFolder> OpenForAsync(MessageRef id, CancellationToken ct)
    {
        var folder = await SelectAsync(id.Folder, ct).ConfigureAwait(false);
        return folder.UidValidity == id.UidValidity
            ? folder
            : throw new MailItemNotFoundException(MailFailureKind.MessageGoneFolderChanged);
    }

    public async Task<IMailFolder> GetFolderAsync(string path, CancellationToken ct)
    {
        if (!_folders.TryGetValue(path, out var folder))
        {
            folder = path.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? Client.Inbox : await Client.GetFolderAsync(path, ct).ConfigureAwait(false);
            _folders[path] = folder;
        }

        return folder;
    }

    /// <summary>The Trash, Sent, Drafts, Junk or Archive folder: as set for the deployment, else by SPECIAL-USE, else by its usual name.</summary>
    public async Task<IMailFolder> GetSpecialFolderAsync(FolderRole role, CancellationToken ct)
    {
        if (_roles is null)
        {
            var listed = Layout.Listed(Client);
            var all = await Layout.ListAsync(Client, listed, StatusItems.None, ct).ConfigureAwait(false);
            Remember(all.Where(f => !f.IsNamespace).ToList(), listed);
        }

        foreach (var (path, found) in _roles!)
        {
            if (found == role)
            {
                return await GetFolderAsync(path, ct).ConfigureAwait(false);
            }
        }

        throw new MailItemNotFoundException(MailFailure.Of(MailFailureKind.NoRoleFolder, role));
    }

    /// <summary>Deletes one message for good (\Deleted + UID EXPUNGE of just that UID), if the folder is still the same.</summary>
    public async Task DeleteForGoodAsync(MessageRef id, CancellationToken ct)
    {
        var folder = await SelectAsync(id.Folder, ct).ConfigureAwait(false);
        if (folder.UidValidity == id.UidValidity)
        {
            var uid = new UniqueId(id.UidValidity, id.Uid);
            await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, ct).ConfigureAwait(false);
            await folder.ExpungeAsync([uid], ct).ConfigureAwait(false);
        }
    }
}
