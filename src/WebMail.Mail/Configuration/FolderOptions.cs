using System.ComponentModel.DataAnnotations;
using WebMail.Mail.Model;

namespace WebMail.Mail.Configuration;

/// <summary>
/// Where the user's folders are and which ones are special, for servers that need telling. Bound from
/// <c>WebMail:Folders</c>. Without settings, folders are everything under the personal namespace (RFC 2342) and
/// special folders are found by SPECIAL-USE (RFC 6154), then by their usual names.
/// </summary>
public sealed class FolderOptions
{
    public const string SectionName = "WebMail:Folders";

    /// <summary>Only folders under this path are listed (and created): e.g. <c>mail/</c> on UW imapd, which lists the whole home directory.</summary>
    [RegularExpression(@"^[^*%\r\n]*$", ErrorMessage = "WebMail:Folders:Root must be a folder path without the IMAP wildcards * and % (for example mail/).")]
    public string? Root { get; set; }

    /// <summary>Full path of the Sent folder, when neither SPECIAL-USE nor its name finds it.</summary>
    [RegularExpression(@"^[^*%\r\n]*$", ErrorMessage = "WebMail:Folders:Sent must be a folder path without the IMAP wildcards * and %.")]
    public string? Sent { get; set; }

    /// <summary>Full path of the Drafts folder.</summary>
    [RegularExpression(@"^[^*%\r\n]*$", ErrorMessage = "WebMail:Folders:Drafts must be a folder path without the IMAP wildcards * and %.")]
    public string? Drafts { get; set; }

    /// <summary>Full path of the Trash folder.</summary>
    [RegularExpression(@"^[^*%\r\n]*$", ErrorMessage = "WebMail:Folders:Trash must be a folder path without the IMAP wildcards * and %.")]
    public string? Trash { get; set; }

    /// <summary>Full path of the Junk folder.</summary>
    [RegularExpression(@"^[^*%\r\n]*$", ErrorMessage = "WebMail:Folders:Junk must be a folder path without the IMAP wildcards * and %.")]
    public string? Junk { get; set; }

    /// <summary>Full path of the Archive folder.</summary>
    [RegularExpression(@"^[^*%\r\n]*$", ErrorMessage = "WebMail:Folders:Archive must be a folder path without the IMAP wildcards * and %.")]
    public string? Archive { get; set; }

    /// <summary>The configured path for a role, if any.</summary>
    public string? For(FolderRole role) => (role switch
    {
        FolderRole.Sent => Sent,
        FolderRole.Drafts => Drafts,
        FolderRole.Trash => Trash,
        FolderRole.Junk => Junk,
        FolderRole.Archive => Archive,
        _ => null,
    }) is { Length: > 0 } path ? path : null;
}
