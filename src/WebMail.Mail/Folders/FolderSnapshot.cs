using MailKit;
using MailKit.Net.Imap;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Folders;

/// <summary>
/// The user's folders as read for a folder command (inside the session's gate): every folder, which are special,
/// which are subscribed, and the hierarchy separator. Read fresh for each command, so no stale folder object is used.
/// </summary>
internal sealed class FolderSnapshot
{
    private FolderSnapshot(ImapContext context, List<IMailFolder> all, FolderNamespace listed, IReadOnlyDictionary<string, FolderRole> roles, HashSet<string> subscribed)
    {
        Context = context;
        All = all;
        Listed = listed;
        Roles = roles;
        Subscribed = subscribed;
    }

    public ImapContext Context { get; }

    public List<IMailFolder> All { get; }

    public FolderNamespace Listed { get; }

    public IReadOnlyDictionary<string, FolderRole> Roles { get; }

    public HashSet<string> Subscribed { get; }

    public char Separator => Listed.DirectorySeparator;

    /// <summary>The namespace or root every path starts with ("" on Dovecot).</summary>
    public string Prefix => FolderLayout.Prefix(Listed);

    /// <summary>
    /// Whether the user's subscriptions say what the folder tree shows: the inbox or an ordinary folder is subscribed.
    /// A mailbox where nothing but the server's own special folders was ever subscribed (folders made by scripts,
    /// migrations, clients that never subscribe) shows every folder instead.
    /// </summary>
    public bool SubscriptionsInUse =>
        All.Any(f => Subscribed.Contains(f.FullName) && Roles.GetValueOrDefault(f.FullName) is FolderRole.None or FolderRole.Inbox);

    public static async Task<FolderSnapshot> ReadAsync(ImapContext context, CancellationToken ct)
    {
        context.ForgetFolders();
        var client = context.Client;
        var listed = context.Layout.Listed(client);
        var found = await context.Layout.ListAsync(client, listed, StatusItems.None, ct).ConfigureAwait(false);
        var all = new List<IMailFolder>(found.Count + 1);
        if (!found.Any(FolderLayout.IsInbox))
        {
            all.Add(client.Inbox);
        }

        all.AddRange(found.Where(f => !f.IsNamespace && (f.Exists || found.Any(c => IsUnder(c.FullName, f.FullName, f.DirectorySeparator)))));
        var subscribed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in await client.GetFoldersAsync(listed, StatusItems.None, true, ct).ConfigureAwait(false))
        {
            subscribed.Add(folder.FullName);
        }

        return new FolderSnapshot(context, all, listed, context.Remember(all, listed), subscribed);
    }

    public static bool IsUnder(string path, string parent, char separator) =>
        separator != '\0' && path.StartsWith(parent + separator, StringComparison.Ordinal);

    public IMailFolder? Find(string path) => All.FirstOrDefault(f => f.FullName == path);

    public IMailFolder Get(string path) =>
        Find(path) ?? throw new MailItemNotFoundException(MailFailureKind.FolderListReread);

    public FolderRole RoleOf(string path) => Roles.GetValueOrDefault(path);

    /// <summary>The folder and everything under it, deepest first.</summary>
    public List<IMailFolder> Subtree(string path) =>
        [.. All.Where(f => f.FullName == path || IsUnder(f.FullName, path, Separator)).OrderByDescending(f => f.FullName.Length)];

    public string ChildPath(string? parentPath, string name) => parentPath is null ? Prefix + name : parentPath + Separator + name;

    /// <summary>The parent a new child goes under: a folder, or the top of the namespace (or root) when null.</summary>
    public async Task<IMailFolder> ParentAsync(string? parentPath, CancellationToken ct)
    {
        if (parentPath is not null)
        {
            return Get(parentPath);
        }

        return Listed.Path.Length == 0
            ? Context.Client.GetFolder(Listed)
            : await Context.Client.GetFolderAsync(Listed.Path.TrimEnd(Separator), ct).ConfigureAwait(false);
    }

    /// <summary>Refuses a name taken by another folder at <paramref name="path"/> (and "INBOX" at the top, which is the inbox).</summary>
    public void CheckFree(string path, string name)
    {
        if (Find(path) is not null || path.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            throw new FolderRequestException($"A folder named “{name}” already exists there. Choose another name.");
        }
    }

    /// <summary>Refuses to change a folder that holds a special folder (the inbox under Courier's "INBOX.", Sent under a project).</summary>
    public void CheckNoSpecialInside(string path, string name, string action)
    {
        if (Subtree(path).FirstOrDefault(f => f.FullName != path && RoleOf(f.FullName) != FolderRole.None) is { } special)
        {
            throw new FolderRequestException($"“{name}” holds your {FolderNames.RoleName(RoleOf(special.FullName))} folder and cannot be {action}.");
        }
    }

    /// <summary>The folders the tree leaves out: ordinary, unsubscribed, with nothing shown under them (none while subscriptions are not in use).</summary>
    public IReadOnlySet<string> Hidden()
    {
        if (!SubscriptionsInUse)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var shown = All.Where(f => Subscribed.Contains(f.FullName) || RoleOf(f.FullName) != FolderRole.None).Select(f => f.FullName).ToList();
        return All.Select(f => f.FullName)
            .Where(p => !shown.Any(s => s == p || IsUnder(s, p, Separator)))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Every folder in display order, with its subscription.</summary>
    public IReadOnlyList<FolderListing> Listings() =>
        [.. FolderOrder.Order(All.Select(f => new FolderEntry(f.FullName, f.Name, f.DirectorySeparator, RoleOf(f.FullName), 0, 0, FolderLayout.IsSelectable(f))), Prefix)
            .Select(f => new FolderListing(f.Path, f.Name, f.Depth, Subscribed.Contains(f.Path), f.CanSelect, f.Role))];
}
