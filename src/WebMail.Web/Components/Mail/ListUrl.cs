using WebMail.Mail.Model;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// The address of a list: <c>mail/{folder}[/{message}]?q=&amp;sort=&amp;filter=&amp;scope=all</c>, each parameter left
/// out when it has its default, so the plain folder view keeps its short address. Back/forward and reload restore a
/// list from it; a message opened from a list keeps the list's part of the address.
/// </summary>
public static class ListUrl
{
    /// <summary>The address of <paramref name="query"/>'s list, with <paramref name="message"/> open when given.</summary>
    public static string For(ListQuery query, MessageRef? message = null) =>
        $"mail/{FolderToken.Encode(query.Folder)}{(message is { } id ? "/" + id.ToToken() : "")}{QueryString(query)}";

    /// <summary>The list's part of an address: empty for the plain folder view, else <c>?q=…</c>.</summary>
    public static string QueryString(ListQuery query)
    {
        var parts = new List<string>(4);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            parts.Add("q=" + Uri.EscapeDataString(query.Search.Trim()));
        }

        if (!query.Order.IsDefault)
        {
            parts.Add("sort=" + query.Order.ToToken());
        }

        if (query.Filter != ListFilter.None)
        {
            parts.Add("filter=" + ListQuery.FilterToken(query.Filter));
        }

        if (query.AllFolders)
        {
            parts.Add("scope=all");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The list an address names; anything it does not understand takes its default.</summary>
    public static ListQuery Parse(string folder, string? search, string? sort, string? filter, string? scope) =>
        Normalize(new ListQuery(folder, search, ListQuery.ParseFilter(filter), SortOrder.Parse(sort), string.Equals(scope, "all", StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// One spelling per list (blank search = none, default order = null), so two queries for the same list are equal
    /// and a list is not read again because of how it was written.
    /// </summary>
    public static ListQuery Normalize(ListQuery query) => query with
    {
        Search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim(),
        Sort = query.Order.IsDefault ? null : query.Order,
    };
}
