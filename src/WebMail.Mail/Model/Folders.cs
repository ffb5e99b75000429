namespace WebMail.Mail.Model;

/// <summary>The role of a folder, from SPECIAL-USE (RFC 6154) or its well-known name.</summary>
public enum FolderRole
{
    None,
    Inbox,
    Drafts,
    Sent,
    Archive,
    Junk,
    Trash,
}

/// <summary>One row of the folder tree, in display order (special-use folders first).</summary>
/// <param name="Path">Full IMAP path, the folder's identity.</param>
/// <param name="Name">Display name (last path segment; "Inbox" for INBOX).</param>
/// <param name="Depth">Nesting level, 0 for top level.</param>
/// <param name="CountsProblem">Why the server gave no counts for this folder (its own words), or null: then Total and Unread mean nothing.</param>
public sealed record FolderInfo(string Path, string Name, int Depth, FolderRole Role, int Total, int Unread, bool CanSelect, string? CountsProblem = null)
{
    public string Token => FolderToken.Encode(Path);
}
