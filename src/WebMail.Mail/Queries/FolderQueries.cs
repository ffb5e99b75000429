using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Queries;

/// <summary>
/// The user's folder list with counts: one LIST-STATUS where offered; else LIST, then STATUS for each folder that
/// can hold mail except the selected one (RFC 3501 §6.3.10), whose counts come from its selection. A folder the
/// server refuses to count is listed without counts, with the server's reason.
/// </summary>
public sealed partial class FolderQueries
{
    private const StatusItems Counts = StatusItems.Count | StatusItems.Unread;
    private readonly MailConnection _connection;
    private readonly ILogger _logger;

    internal FolderQueries(MailConnection connection, ILogger? logger = null)
    {
        _connection = connection;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>The user's folders with counts, special folders first, children under their parent.</summary>
    public Task<IReadOnlyList<FolderInfo>> GetFoldersAsync(CancellationToken cancellationToken = default) =>
        _connection.RunAsync<IReadOnlyList<FolderInfo>>(async (context, ct) =>
        {
            var client = context.Client;
            var listed = context.Layout.Listed(client);
            var listStatus = context.Has(ImapCapabilities.ListStatus);
            var found = await context.Layout.ListAsync(client, listed, listStatus ? Counts : StatusItems.None, ct).ConfigureAwait(false);
            var prefix = FolderLayout.Prefix(listed);
            var all = new List<IMailFolder>(found.Count + 1);
            var inboxListed = found.Any(FolderLayout.IsInbox);
            if (!inboxListed)
            {
                // Under a root (or a namespace without it), INBOX is not listed, but it is always the user's.
                all.Add(client.Inbox);
            }

            // A parent that does not exist (\NonExistent, RFC 5258) is kept when it has listed children, so they sit under it.
            all.AddRange(found.Where(f => !f.IsNamespace && (f.Exists || found.Any(c => c.ParentFolder == f || IsUnder(c.FullName, f)))));

            var counts = new Dictionary<string, (int Total, int Unread)>(StringComparer.Ordinal);
            var problems = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var folder in all.Where(FolderLayout.IsSelectable))
            {
                if (!listStatus || (!inboxListed && folder == client.Inbox))
                {
                    await CountAsync(context, folder, counts, problems, ct).ConfigureAwait(false);
                }
            }

            var roles = context.Remember(all, listed);
            return FolderOrder.Order(all.Select(f =>
            {
                var (total, unread) = counts.TryGetValue(f.FullName, out var c) ? c : (f.Count, f.Unread);
                return new FolderEntry(f.FullName, f.Name, f.DirectorySeparator, roles.GetValueOrDefault(f.FullName), total, unread,
                    FolderLayout.IsSelectable(f), problems.GetValueOrDefault(f.FullName));
            }), prefix);
        }, cancellationToken);

    private static bool IsUnder(string path, IMailFolder parent) =>
        parent.DirectorySeparator != '\0' && path.StartsWith(parent.FullName + parent.DirectorySeparator, StringComparison.Ordinal);

    /// <summary>One folder's counts: STATUS, or for the selected folder what SELECT said plus a SEARCH for unseen mail.</summary>
    private async Task CountAsync(ImapContext context, IMailFolder folder, Dictionary<string, (int, int)> counts, Dictionary<string, string> problems, CancellationToken ct)
    {
        try
        {
            if (context.Selected is { IsOpen: true } selected && selected.FullName == folder.FullName)
            {
                var unseen = context.Has(ImapCapabilities.ESearch)
                    ? (await selected.SearchAsync(SearchOptions.Count, SearchQuery.NotSeen, ct).ConfigureAwait(false)).Count
                    : (await selected.SearchAsync(SearchQuery.NotSeen, ct).ConfigureAwait(false)).Count;
                counts[folder.FullName] = (selected.Count, unseen);
                return;
            }

            await folder.StatusAsync(Counts, ct).ConfigureAwait(false);
            counts[folder.FullName] = (folder.Count, folder.Unread);
        }
        catch (ImapCommandException ex)
        {
            // One folder the server will not count (e.g. "NO Mailbox doesn't exist") must not empty the list.
            problems[folder.FullName] = string.IsNullOrWhiteSpace(ex.ResponseText) ? "The mail server would not count this folder." : ex.ResponseText.Trim();
            counts[folder.FullName] = (0, 0);
            LogCountRefused(_logger, ex.ResponseText ?? "");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The mail server would not count a folder: {Reason}")]
    private static partial void LogCountRefused(ILogger logger, string reason);
}
