namespace WebMail.Web.Components.Mail;

/// <summary>What the bulk toolbar (or a shortcut, or a drop on a folder) asks to do to the picked messages.</summary>
public enum BulkKind
{
    Read,
    Unread,
    Flag,
    Unflag,
    Label,
    Unlabel,
    Move,
    Copy,
    Archive,
    Spam,
    NotSpam,
    Delete,
}

/// <param name="Folder">The target of a move or copy.</param>
/// <param name="Keyword">The label (IMAP keyword) to add or take away.</param>
public sealed record BulkCommand(BulkKind Kind, string? Folder = null, string? Keyword = null);

/// <summary>A label offered in the toolbar: its IMAP keyword and the name the user gave it.</summary>
public sealed record LabelChoice(string Keyword, string Name);
