using System.Globalization;

namespace WebMail.Mail.Model;

/// <summary>What a message list may be ordered by.</summary>
public enum SortField
{
    /// <summary>The order mail arrived in the folder (UID order): the plain folder view.</summary>
    Arrival,

    /// <summary>The sent date (Date header).</summary>
    Date,
    From,
    To,
    Subject,
    Size,
}

/// <summary>How a list is ordered; the default (newest arrival first) is the plain folder view.</summary>
public sealed record SortOrder(SortField Field = SortField.Arrival, bool Descending = true)
{
    public static SortOrder Default { get; } = new();

    public bool IsDefault => Field == SortField.Arrival && Descending;

    /// <summary>The URL form: <c>from-asc</c>, <c>date-desc</c> …</summary>
    public string ToToken() => $"{Field.ToString().ToLowerInvariant()}-{(Descending ? "desc" : "asc")}";

    /// <summary>Parses <see cref="ToToken"/>; anything else is the default order.</summary>
    public static SortOrder Parse(string? token)
    {
        var parts = token?.Split('-');
        return parts is [var field, var direction]
            && Enum.TryParse<SortField>(field, ignoreCase: true, out var f)
            && Enum.IsDefined(f)
            && !field.Any(char.IsDigit)
            && direction is "asc" or "desc"
                ? new SortOrder(f, direction == "desc")
                : Default;
    }
}

/// <summary>Quick filters above the list; combinable with each other and with a search.</summary>
[Flags]
public enum ListFilter
{
    None = 0,
    Unread = 1,
    Flagged = 2,
    Attachments = 4,
}

/// <summary>
/// What a message list shows: one folder (or all folders) narrowed by a search and filters, in an order. The plain
/// folder view (no search, no filter, default order) is served from the folder's rows by position; any other query
/// is a result set of UIDs computed by the server (SEARCH/SORT) or, where the server lacks an extension, by us.
/// </summary>
/// <param name="Folder">The folder the list belongs to (the one selected in the folder tree).</param>
/// <param name="Search">The user's search text as typed (parsed by the search parser), or null.</param>
/// <param name="AllFolders">Search every folder instead of <paramref name="Folder"/> only.</param>
public sealed record ListQuery(string Folder, string? Search = null, ListFilter Filter = ListFilter.None, SortOrder? Sort = null, bool AllFolders = false)
{
    public SortOrder Order => Sort ?? SortOrder.Default;

    /// <summary>True for the plain folder view: rows by position, newest arrival first.</summary>
    public bool IsPlainFolder => string.IsNullOrWhiteSpace(Search) && Filter == ListFilter.None && Order.IsDefault && !AllFolders;

    /// <summary>The filter's URL form: <c>unread,flagged</c>; empty for none.</summary>
    public static string FilterToken(ListFilter filter) =>
        string.Join(',', Enum.GetValues<ListFilter>().Where(f => f != ListFilter.None && filter.HasFlag(f)).Select(f => f.ToString().ToLowerInvariant()));

    /// <summary>Parses <see cref="FilterToken"/>; unknown words are ignored.</summary>
    public static ListFilter ParseFilter(string? token)
    {
        var filter = ListFilter.None;
        foreach (var word in (token ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<ListFilter>(word, ignoreCase: true, out var f) && Enum.IsDefined(f) && !word.Any(char.IsDigit))
            {
                filter |= f;
            }
        }

        return filter;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Folder}|{Search}|{Filter}|{Order.ToToken()}|{AllFolders}");
}

/// <summary>A slice of a list's rows, in the list's order.</summary>
/// <param name="Total">Rows in the list as far as known (a search still running may find more).</param>
/// <param name="StartIndex">Index of the first row.</param>
/// <param name="Complete">False while an all-folder search is still running: more rows may come (the view raises a change).</param>
/// <param name="Notice">A sentence for the user about this list (a folder that could not be searched), or null.</param>
public sealed record ListPage(ListQuery Query, int Total, int StartIndex, IReadOnlyList<MessageRow> Rows, bool Complete = true, string? Notice = null);
