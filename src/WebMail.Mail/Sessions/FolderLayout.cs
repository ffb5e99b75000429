using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Configuration;
using WebMail.Mail.Model;

namespace WebMail.Mail.Sessions;

/// <summary>
/// Where a user's folders live on the server (the personal namespace, or <c>WebMail:Folders:Root</c> inside it)
/// and which of them are special: the settings first, then SPECIAL-USE, then the usual names.
/// </summary>
internal sealed partial class FolderLayout(FolderOptions options, ILogger logger)
{
    private static readonly FolderRole[] Specials = [FolderRole.Drafts, FolderRole.Sent, FolderRole.Archive, FolderRole.Junk, FolderRole.Trash];
    private readonly HashSet<FolderRole> _warned = [];

    public static FolderLayout Default { get; } = new(new FolderOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    /// <summary>What to list: the personal namespace (RFC 2342), or the configured root.</summary>
    public FolderNamespace Listed(ImapClient client)
    {
        var personal = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', "");
        if (options.Root is not { Length: > 0 } root)
        {
            return personal;
        }

        var separator = personal.DirectorySeparator == '\0' ? '/' : personal.DirectorySeparator;
        return new FolderNamespace(separator, root.TrimEnd(separator));
    }

    /// <summary>The folders under <paramref name="listed"/> (LIST, with STATUS items where LIST-STATUS is offered); none when the root does not exist.</summary>
    public async Task<IList<IMailFolder>> ListAsync(ImapClient client, FolderNamespace listed, StatusItems items, CancellationToken ct)
    {
        if (options.Root is { Length: > 0 })
        {
            try
            {
                // MailKit lists under a folder it knows: look the root up first (one LIST of that one name).
                await client.GetFolderAsync(listed.Path, ct).ConfigureAwait(false);
            }
            catch (FolderNotFoundException)
            {
                if (WarnOnce(FolderRole.None))
                {
                    LogRootMissing(logger, $"{FolderOptions.SectionName}:Root");
                }

                return [];
            }
        }

        return await client.GetFoldersAsync(listed, items, false, ct).ConfigureAwait(false);
    }

    /// <summary>The part of a path that names the namespace or root ("INBOX." on Courier, "mail/" under a root); not shown to users.</summary>
    public static string Prefix(FolderNamespace listed) =>
        listed.Path.Length == 0 ? "" : listed.Path.TrimEnd(listed.DirectorySeparator) + listed.DirectorySeparator;

    public static bool IsInbox(IMailFolder folder) =>
        (folder.Attributes & FolderAttributes.Inbox) != 0 || folder.FullName.Equals("INBOX", StringComparison.OrdinalIgnoreCase);

    public static bool IsSelectable(IMailFolder folder) => (folder.Attributes & (FolderAttributes.NoSelect | FolderAttributes.NonExistent)) == 0;

    /// <summary>The special folders among <paramref name="folders"/>: each role at most once, each folder at most one role.</summary>
    public Dictionary<string, FolderRole> Roles(IReadOnlyCollection<IMailFolder> folders, FolderNamespace listed)
    {
        var roles = new Dictionary<string, FolderRole>(StringComparer.Ordinal);
        var taken = new HashSet<FolderRole>();
        foreach (var folder in folders.Where(IsInbox))
        {
            roles[folder.FullName] = FolderRole.Inbox;
        }

        // 1. The deployment's settings.
        foreach (var role in Specials)
        {
            if (options.For(role) is not { } path)
            {
                continue;
            }

            if (folders.FirstOrDefault(f => f.FullName == path && IsSelectable(f)) is { } configured && !roles.ContainsKey(configured.FullName))
            {
                Assign(configured.FullName, role);
            }
            else if (WarnOnce(role))
            {
                LogConfiguredFolderMissing(logger, $"{FolderOptions.SectionName}:{role}", role);
            }
        }

        // 2. SPECIAL-USE (RFC 6154) attributes.
        foreach (var folder in folders.Where(IsSelectable))
        {
            var role = AttributeRole(folder);
            if (role != FolderRole.None && !taken.Contains(role) && !roles.ContainsKey(folder.FullName))
            {
                Assign(folder.FullName, role);
            }
        }

        // 3. Usual names, at the top of the namespace or root only ("Projects/Sent" is the project's, not the account's).
        var prefix = Prefix(listed);
        var byName = folders
            .Where(f => IsSelectable(f) && !roles.ContainsKey(f.FullName) && f.FullName.StartsWith(prefix, StringComparison.Ordinal)
                && (f.DirectorySeparator == '\0' || !f.FullName.AsSpan(prefix.Length).Contains(f.DirectorySeparator)))
            .Select(f => (Folder: f, Match: SpecialFolderNames.Match(f.Name)))
            .Where(m => m.Match.Role != FolderRole.None)
            .OrderBy(m => m.Match.Rank);
        foreach (var (folder, (role, _)) in byName)
        {
            if (!taken.Contains(role) && !roles.ContainsKey(folder.FullName))
            {
                Assign(folder.FullName, role);
            }
        }

        return roles;

        void Assign(string path, FolderRole role)
        {
            roles[path] = role;
            taken.Add(role);
        }
    }

    private static FolderRole AttributeRole(IMailFolder folder)
    {
        var a = folder.Attributes;
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

    private bool WarnOnce(FolderRole role)
    {
        lock (_warned)
        {
            return _warned.Add(role);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} names a folder the server does not list; only the inbox is shown")]
    private static partial void LogRootMissing(ILogger logger, string setting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} names a folder the server does not list (or that cannot hold mail); the {Role} folder is looked for by SPECIAL-USE and by name instead")]
    private static partial void LogConfiguredFolderMissing(ILogger logger, string setting, FolderRole role);
}
