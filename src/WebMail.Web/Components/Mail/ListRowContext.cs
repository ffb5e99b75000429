using WebMail.Mail.Model;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// What a row needs to know about the list it is in (cascaded by the list): where its link goes, so that a message
/// opened from search results keeps the search in the address, and, for a search of all folders, its folder's name.
/// </summary>
public sealed class ListRowContext(ListQuery query, IReadOnlyList<FolderInfo> folders)
{
    public ListQuery Query { get; } = query;

    public IReadOnlyList<FolderInfo> Folders { get; } = folders;

    /// <summary>The message's address: the list's folder and query, with the message open.</summary>
    public string Href(MessageRef id) => ListUrl.For(Query, id);

    /// <summary>The folder to name on the row: only when the list spans folders.</summary>
    public string? FolderLabel(MessageRef id) =>
        Query.AllFolders ? Folders.FirstOrDefault(f => f.Path == id.Folder)?.Name ?? id.Folder : null;
}
