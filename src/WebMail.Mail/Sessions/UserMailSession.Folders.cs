using MailKit;
using MailKit.Net.Imap;
using WebMail.Mail.Model;

namespace WebMail.Mail.Sessions;

public sealed partial class UserMailSession
{
    private IMailFolder? _selected;

    /// <summary>The user's folders with counts, special-use folders first, children under their parent.</summary>
    public Task<IReadOnlyList<FolderInfo>> GetFoldersAsync(CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyList<FolderInfo>>(async (client, ct) =>
        {
            var personal = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', "");
            var folders = await client.GetFoldersAsync(personal, StatusItems.Count | StatusItems.Unread, false, ct).ConfigureAwait(false);
            var all = new List<IMailFolder>(folders.Count + 1);
            if (!folders.Any(f => f.FullName.Equals("INBOX", StringComparison.OrdinalIgnoreCase)))
            {
                await client.Inbox.StatusAsync(StatusItems.Count | StatusItems.Unread, ct).ConfigureAwait(false);
                all.Add(client.Inbox);
            }

            all.AddRange(folders.Where(f => !f.IsNamespace && f.Exists));
            foreach (var folder in all)
            {
                _folders[folder.FullName] = folder;
            }

            return FolderOrder.Order(all.Select(f => new FolderEntry(f.FullName, f.Name, f.DirectorySeparator, RoleOf(f), f.Count, f.Unread, (f.Attributes & FolderAttributes.NoSelect) == 0)));
        }, cancellationToken);

    internal static FolderRole RoleOf(IMailFolder folder)
    {
        var a = folder.Attributes;
        if ((a & FolderAttributes.Inbox) != 0 || folder.FullName.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return FolderRole.Inbox;
        }

        return a switch
        {
            _ when (a & FolderAttributes.Drafts) != 0 => FolderRole.Drafts,
            _ when (a & FolderAttributes.Sent) != 0 => FolderRole.Sent,
            _ when (a & FolderAttributes.Archive) != 0 => FolderRole.Archive,
            _ when (a & FolderAttributes.Junk) != 0 => FolderRole.Junk,
            _ when (a & FolderAttributes.Trash) != 0 => FolderRole.Trash,
            _ => FolderRole.None,
        };
    }

    /// <summary>Finds a folder by path (cached per connection) and makes it the selected one, read-write.</summary>
    private async Task<IMailFolder> SelectAsync(ImapClient client, string path, CancellationToken ct)
    {
        if (_selected is { IsOpen: true } selected && selected.FullName == path && selected.Access == FolderAccess.ReadWrite)
        {
            return selected;
        }

        var folder = await GetFolderAsync(client, path, ct).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadWrite, ct).ConfigureAwait(false);
        Watch(folder, _selected);
        _selected = folder;
        return folder;
    }

    private async Task<IMailFolder> GetFolderAsync(ImapClient client, string path, CancellationToken ct)
    {
        if (!_folders.TryGetValue(path, out var folder))
        {
            folder = path.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(path, ct).ConfigureAwait(false);
            _folders[path] = folder;
        }

        return folder;
    }

    private async Task<IMailFolder> GetSpecialFolderAsync(ImapClient client, FolderRole role, CancellationToken ct)
    {
        var special = role switch
        {
            FolderRole.Trash => SpecialFolder.Trash,
            FolderRole.Junk => SpecialFolder.Junk,
            FolderRole.Archive => SpecialFolder.Archive,
            FolderRole.Sent => SpecialFolder.Sent,
            FolderRole.Drafts => SpecialFolder.Drafts,
            _ => throw new ArgumentOutOfRangeException(nameof(role)),
        };
        if ((client.Capabilities & (ImapCapabilities.SpecialUse | ImapCapabilities.XList)) != 0 && client.GetFolder(special) is { } folder)
        {
            return folder;
        }

        // Servers without SPECIAL-USE: look for the folder by its usual name.
        var personal = client.PersonalNamespaces[0];
        var all = await client.GetFoldersAsync(personal, false, ct).ConfigureAwait(false);
        return all.FirstOrDefault(f => f.Name.Equals(role.ToString(), StringComparison.OrdinalIgnoreCase))
            ?? throw new MailItemNotFoundException($"This mailbox has no {role} folder.");
    }
}
