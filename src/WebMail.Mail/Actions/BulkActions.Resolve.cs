using MailKit.Search;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Model;
using WebMail.Mail.Search;
using SortOrder = WebMail.Mail.Model.SortOrder;

namespace WebMail.Mail.Actions;

/// <summary>Turning a selection into UIDs per folder: explicit messages as given, a list query by UID SEARCH.</summary>
public sealed partial class BulkActions
{
    private static readonly SortOrder Ascending = new(SortField.Arrival, Descending: false);

    /// <summary>
    /// What a selection resolved to, and the folder the connection had selected before (a search of other folders
    /// selects them: the action goes back to this one after, so IDLE keeps watching where the user is).
    /// </summary>
    private sealed record Resolved(List<FolderUids> Folders, string SelectedBefore, bool SearchedElsewhere)
    {
        public int Total => Folders.Sum(f => f.Uids.Length);
    }

    /// <param name="narrow">Only the messages of the query that also match this (mark all read: the unread ones).</param>
    private async Task<Resolved> ResolveAsync(MessageSelection selection, SearchQuery? narrow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        // The folder the user is in (IDLE watches it); searching and acting select others, the action comes back after.
        var before = await SelectedFolderAsync(cancellationToken).ConfigureAwait(false);
        var elsewhere = false;
        var found = new Dictionary<(string Folder, uint Validity), HashSet<uint>>();
        foreach (var id in selection.Messages)
        {
            Add(id.Folder, id.UidValidity, [id.Uid]);
        }

        if (selection.AllOf is { } query)
        {
            var search = SearchParser.Parse(query.Search, DateOnly.FromDateTime(_time.GetLocalNow().DateTime), _view.LabelKeyword);
            var all = query.AllFolders || search.AllFolders;
            var imap = SearchQueryBuilder.Build(search.Condition, query.Filter);
            if (narrow is not null)
            {
                imap = imap.And(narrow);
            }

            foreach (var folder in await FoldersOfAsync(query, search, all, cancellationToken).ConfigureAwait(false))
            {
                elsewhere |= folder != before;
                try
                {
                    var hits = await _lists.FindAsync(folder, imap, Ascending, cancellationToken).ConfigureAwait(false);
                    Add(folder, hits.UidValidity, selection.Except is { Count: > 0 } except
                        ? hits.Uids.Where(u => !except.Contains(new MessageRef(folder, hits.UidValidity, u)))
                        : hits.Uids);
                }
                catch (MailException ex) when (all && ex is not (MailSignedOutException or MailAuthenticationException))
                {
                    // As in an all-folder search: a folder that cannot be searched is left out, the others are acted on.
                    LogFolderSkipped(_logger, folder, ex.GetType().Name);
                }
            }
        }

        return new Resolved([.. found.Where(f => f.Value.Count > 0).Select(f => new FolderUids(f.Key.Folder, f.Key.Validity, [.. f.Value.Order()]))], before, elsewhere);

        void Add(string folder, uint validity, IEnumerable<uint> uids)
        {
            if (!found.TryGetValue((folder, validity), out var set))
            {
                found[(folder, validity)] = set = [];
            }

            set.UnionWith(uids);
        }
    }

    /// <summary>The folder the connection has selected now ("" for none); no IMAP command.</summary>
    private Task<string> SelectedFolderAsync(CancellationToken ct) =>
        _connection.RunAsync((context, _) => Task.FromResult(context.Selected?.FullName ?? ""), ct);

    private async Task<IReadOnlyList<string>> FoldersOfAsync(ListQuery query, ParsedSearch search, bool all, CancellationToken cancellationToken)
    {
        if (!all && search.Folder is null)
        {
            return [query.Folder];
        }

        var folders = await _view.GetFoldersAsync(cancellationToken).ConfigureAwait(false);
        var first = search.Folder is { } named ? FolderNamed(folders, named) : query.Folder;
        return all ? [first, .. folders.Where(f => f.CanSelect && f.Path != first).Select(f => f.Path)] : [first];
    }

    /// <summary>A folder by path, or by name (case-insensitive), as the list's <c>in:</c> finds it.</summary>
    private static string FolderNamed(IReadOnlyList<FolderInfo> folders, string name) =>
        folders.FirstOrDefault(f => f.Path == name)?.Path
        ?? folders.FirstOrDefault(f => f.Path.Equals(name, StringComparison.OrdinalIgnoreCase))?.Path
        ?? folders.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Path
        ?? (name.Equals("inbox", StringComparison.OrdinalIgnoreCase) ? "INBOX"
            : throw new SearchSyntaxException(MailFailure.Of(MailFailureKind.SearchNoFolder, name)));

    [LoggerMessage(Level = LogLevel.Information, Message = "A bulk action left out folder {Folder}: it could not be searched ({Error})")]
    private static partial void LogFolderSkipped(ILogger logger, string folder, string error);
}
