using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Conversations;

/// <summary>Opening a conversation: its messages in the folder and the user's own replies found in Sent and Drafts.</summary>
public sealed partial class ConversationQueries
{
    /// <summary>At most this many Message-IDs are asked about in Sent and Drafts (the newest of a very long conversation).</summary>
    private const int MaxIdsSearched = 40;

    /// <summary>
    /// The messages of the conversation holding <paramref name="id"/> (as threaded in <paramref name="index"/>), with the
    /// messages of Sent and Drafts that reply to it or that it replies to (IMAP SEARCH HEADER), oldest first.
    /// </summary>
    public Task<ConversationThread> OpenAsync(ConversationIndex? index, MessageRef id, CancellationToken cancellationToken = default)
    {
        var at = index is not null && index.Folder == id.Folder && index.UidValidity == id.UidValidity ? index.IndexOf(id.Uid) : -1;
        var uids = at >= 0 ? index!.Conversations[at] : [id.Uid];
        return _connection.RunAsync(async (context, ct) =>
        {
            var folder = await context.OpenForAsync(id, ct).ConfigureAwait(false);
            var request = OpenRequest(context.Client);
            var own = await folder.FetchAsync([.. uids.Select(u => new UniqueId(id.UidValidity, u))], request, ct).ConfigureAwait(false);
            if (own.Count == 0)
            {
                throw new MailItemNotFoundException(MailFailureKind.ConversationGone);
            }

            var messages = own.Select(s => ToMessage(id.Folder, folder.UidValidity, s, FolderRole.None)).ToList();
            var threadIds = own.Select(s => Bare(s.Envelope?.MessageId)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var parentIds = own.SelectMany(s => ToHeaders(s).References).Where(r => !threadIds.Contains(r)).ToHashSet(StringComparer.Ordinal);
            var query = RelatedQuery(threadIds, parentIds);
            if (query is not null)
            {
                foreach (var role in (FolderRole[])[FolderRole.Sent, FolderRole.Drafts])
                {
                    messages.AddRange(await RelatedInAsync(context, role, id.Folder, query, request, ct).ConfigureAwait(false));
                }

                // Back to the conversation's folder, so IDLE watches the folder the user is looking at.
                await context.SelectAsync(id.Folder, ct).ConfigureAwait(false);
            }

            var ordered = messages.DistinctBy(m => m.Id).OrderBy(m => m.Date).ThenBy(m => m.Id.Uid).ToList();
            return new ConversationThread(ordered[0].Subject, ordered);
        }, cancellationToken);
    }

    private async Task<IEnumerable<ConversationMessage>> RelatedInAsync(ImapContext context, FolderRole role, string conversationFolder, SearchQuery query, IFetchRequest request, CancellationToken ct)
    {
        IMailFolder special;
        try
        {
            special = await context.GetSpecialFolderAsync(role, ct).ConfigureAwait(false);
        }
        catch (MailItemNotFoundException)
        {
            return [];
        }

        if (special.FullName == conversationFolder)
        {
            return [];
        }

        var folder = await context.SelectAsync(special.FullName, ct).ConfigureAwait(false);
        var found = folder.Count == 0 ? [] : await folder.SearchAsync(query, ct).ConfigureAwait(false);
        if (found.Count == 0)
        {
            return [];
        }

        var summaries = await folder.FetchAsync(found, request, ct).ConfigureAwait(false);
        return summaries.Select(s => ToMessage(folder.FullName, folder.UidValidity, s, role));
    }

    /// <summary>Messages whose Message-ID the conversation refers to, or that refer to one of the conversation's Message-IDs.</summary>
    private static SearchQuery? RelatedQuery(IReadOnlyCollection<string> threadIds, IReadOnlyCollection<string> parentIds)
    {
        List<SearchQuery> terms = [.. threadIds.Take(MaxIdsSearched)
            .SelectMany(i => new[] { SearchQuery.HeaderContains("References", $"<{i}>"), SearchQuery.HeaderContains("In-Reply-To", $"<{i}>") })
            .Concat(parentIds.Take(MaxIdsSearched).Select(i => SearchQuery.HeaderContains("Message-ID", $"<{i}>")))];
        return terms.Count == 0 ? null : terms.Aggregate((a, b) => SearchQuery.Or(a, b));
    }

    private static IFetchRequest OpenRequest(ImapClient client) => new FetchRequest(
        MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.References | MessageSummaryItems.InternalDate
        | (client.Capabilities.HasFlag(ImapCapabilities.Preview) ? MessageSummaryItems.PreviewText : MessageSummaryItems.None));

    private ConversationMessage ToMessage(string folder, uint validity, IMessageSummary s, FolderRole role)
    {
        var from = Addresses.First(s.Envelope?.From);
        var flags = s.Flags ?? MessageFlags.None;
        var snippet = Headers.Clean(s.PreviewText);
        return new ConversationMessage(
            new MessageRef(folder, validity, s.UniqueId.Id),
            from,
            IsMe(from),
            Headers.Subject(s.Envelope?.Subject),
            DateOf(s),
            flags.HasFlag(MessageFlags.Seen),
            flags.HasFlag(MessageFlags.Flagged),
            role,
            snippet is { Length: > 0 } ? snippet : null);
    }
}
