using MailKit;
using MailKit.Search;

namespace WebMail.Mail.Compose;

/// <summary>
/// Finds the drafts of one compose session in the Drafts folder by the header every saved copy carries
/// (<see cref="ComposeIdHeader"/>), so a reload or an app restart reopens the newest copy and a save or a
/// send removes every older one, whoever saved it (the tab, its beacon, or the app at shutdown).
/// </summary>
public static class DraftLookup
{
    /// <summary>The header holding the compose session's id in every saved draft (never in sent mail).</summary>
    public const string ComposeIdHeader = "X-WebMail-Compose-Id";

    /// <summary>The UIDs of the drafts saved for <paramref name="composeId"/> in the open <paramref name="drafts"/> folder, oldest first.</summary>
    public static async Task<IReadOnlyList<UniqueId>> FindAsync(IMailFolder drafts, Guid composeId, CancellationToken cancellationToken = default)
    {
        var uids = await drafts.SearchAsync(SearchQuery.HeaderContains(ComposeIdHeader, Format(composeId)), cancellationToken).ConfigureAwait(false);
        return [.. uids.OrderBy(u => u.Id)];
    }

    /// <summary>Removes the copies of <paramref name="composeId"/> older than <paramref name="keep"/> (all of them when null) from the open folder.</summary>
    public static async Task RemoveOlderAsync(IMailFolder drafts, Guid composeId, UniqueId? keep, CancellationToken cancellationToken = default)
    {
        var older = (await FindAsync(drafts, composeId, cancellationToken).ConfigureAwait(false))
            .Where(u => keep is not { } k || u.Id < k.Id).ToList();
        if (older.Count == 0)
        {
            return;
        }

        await drafts.StoreAsync(older, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, cancellationToken).ConfigureAwait(false);
        await drafts.ExpungeAsync(older, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The header's value for an id (lower-case, with dashes).</summary>
    public static string Format(Guid composeId) => composeId.ToString("D");

    /// <summary>The id in a header value, or null when it is missing or malformed.</summary>
    public static Guid? Parse(string? value) => Guid.TryParse(value?.Trim(), out var id) ? id : null;
}
