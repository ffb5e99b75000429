using WebMail.Mail.Model;

namespace WebMail.Mail.Folders;

/// <summary>One folder of the "all folders" view: subscribed or not, in display order.</summary>
/// <param name="Path">Full IMAP path, the folder's identity.</param>
/// <param name="Name">Display name (last path segment; "Inbox" for INBOX).</param>
/// <param name="Depth">Nesting level, 0 for top level.</param>
/// <param name="Subscribed">Whether the server lists the folder among the user's subscriptions.</param>
/// <param name="CanSelect">False for a name that only holds subfolders (\Noselect).</param>
/// <param name="Role">Inbox, a special folder, or none.</param>
public sealed record FolderListing(string Path, string Name, int Depth, bool Subscribed, bool CanSelect, FolderRole Role);

/// <summary>What a folder command changed.</summary>
public enum FolderChangeKind
{
    Created,
    Renamed,
    Moved,
    Deleted,
    Subscription,
    SpecialUse,
}

/// <summary>
/// A change to the folder list made by one tab, told to every tab of the user after the list was read again.
/// <paramref name="NewPath"/> is where <paramref name="Path"/> (and everything under it) now is after a rename or
/// move; null after a delete. <paramref name="Separator"/> separates the path's levels.
/// </summary>
public sealed record FolderListChange(FolderChangeKind Kind, string Path, string? NewPath, char Separator)
{
    /// <summary>Where a folder at <paramref name="path"/> is after this change: the same, moved along, or null when deleted.</summary>
    public string? Follow(string path)
    {
        var inside = path == Path || (Separator != '\0' && path.StartsWith(Path + Separator, StringComparison.Ordinal));
        if (!inside || Kind is FolderChangeKind.Created or FolderChangeKind.Subscription or FolderChangeKind.SpecialUse)
        {
            return path;
        }

        return NewPath is null ? null : NewPath + path[Path.Length..];
    }
}

/// <summary>A folder request WebMail refuses before asking the server (a bad name, the inbox, a special folder); the message says why.</summary>
public sealed class FolderRequestException(string message) : MailException(message);
