using WebMail.Mail.Model;
using WebMail.Web.Data;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// What a row needs to know about the list it is in (cascaded by the list): where its link goes, so that a message
/// opened from search results keeps the search in the address; for a search of all folders, its folder's name; and,
/// in an interactive list, whether it is picked and whom to tell when its checkbox is clicked.
/// </summary>
public sealed class ListRowContext(ListQuery query, IReadOnlyList<FolderInfo> folders, ListSelection? selection = null, Func<RowPick, Task>? pick = null, LabelSet? labels = null)
{
    public ListQuery Query { get; } = query;

    public IReadOnlyList<FolderInfo> Folders { get; } = folders;

    /// <summary>The list's picked rows; null where rows cannot be picked (the prerendered page).</summary>
    public ListSelection? Selection { get; } = selection;

    /// <summary>The user's labels: names and colours of the rows' keywords.</summary>
    public LabelSet Labels { get; } = labels ?? LabelSet.Empty;

    /// <summary>The message's address: the list's folder and query, with the message open.</summary>
    public string Href(MessageRef id) => ListUrl.For(Query, id);

    /// <summary>The folder to name on the row: only when the list spans folders.</summary>
    public string? FolderLabel(MessageRef id) =>
        Query.AllFolders ? Folders.FirstOrDefault(f => f.Path == id.Folder)?.Name ?? id.Folder : null;

    /// <summary>A row's checkbox was clicked (Shift: a range from the last row picked).</summary>
    public Task PickAsync(RowPick pick1) => pick?.Invoke(pick1) ?? Task.CompletedTask;
}

/// <summary>A click on a row's checkbox (or a Ctrl/Shift+click on the row, which the list's script turns into one).</summary>
public readonly record struct RowPick(MessageRef Id, bool Shift);
