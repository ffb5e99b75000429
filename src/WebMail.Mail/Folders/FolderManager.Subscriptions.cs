using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Model;

namespace WebMail.Mail.Folders;

/// <summary>Subscriptions (what the folder tree shows) and special use (METADATA /private/specialuse, RFC 6154 §5.4).</summary>
public sealed partial class FolderManager
{
    /// <summary>
    /// Whether the server lets the user choose special folders (METADATA or CREATE-SPECIAL-USE offered); known once this
    /// service has run a command (<see cref="ListAllAsync"/> does).
    /// </summary>
    public bool CanSetSpecialUse => (_capabilities & (ImapCapabilities.Metadata | ImapCapabilities.CreateSpecialUse)) != 0;

    /// <summary>Every folder, subscribed or not, in display order; also tells the view which folders the tree leaves out.</summary>
    public async Task<IReadOnlyList<FolderListing>> ListAllAsync(CancellationToken ct = default)
    {
        var (listings, hidden) = await _connection.RunAsync(async (context, token) =>
        {
            var folders = await ReadAsync(context, token).ConfigureAwait(false);
            return (folders.Listings(), folders.Hidden());
        }, ct).ConfigureAwait(false);
        _view.SetHiddenFolders(hidden);
        return listings;
    }

    /// <summary>
    /// Subscribes or unsubscribes a folder. In a mailbox that never used subscriptions (every folder shown), the
    /// first change subscribes the inbox and every folder first, so only the folder asked about changes in the tree.
    /// </summary>
    public Task SetSubscribedAsync(string path, bool subscribed, CancellationToken ct = default) =>
        ChangeAsync(subscribed ? "subscribe to" : "unsubscribe from", path, async (folders, token) =>
        {
            var folder = folders.Get(path);
            var role = folders.RoleOf(path);
            if (!subscribed && role != FolderRole.None)
            {
                throw new FolderRequestException(role == FolderRole.Inbox
                    ? "The Inbox is always shown."
                    : $"“{folder.Name}” is your {FolderNames.RoleName(role)} folder and is always shown.");
            }

            if (!folders.SubscriptionsInUse)
            {
                foreach (var other in folders.All.Where(f => f.Exists && !folders.Subscribed.Contains(f.FullName)))
                {
                    await other.SubscribeAsync(token).ConfigureAwait(false);
                }

                folders.Subscribed.UnionWith(folders.All.Where(f => f.Exists).Select(f => f.FullName));
            }

            if (subscribed && !folders.Subscribed.Contains(path))
            {
                await folder.SubscribeAsync(token).ConfigureAwait(false);
            }
            else if (!subscribed && folders.Subscribed.Contains(path))
            {
                await folder.UnsubscribeAsync(token).ConfigureAwait(false);
            }

            LogSubscription(_logger, path, subscribed);
            return new FolderListChange(FolderChangeKind.Subscription, path, path, folders.Separator);
        }, ct);

    /// <summary>
    /// Makes <paramref name="path"/> the user's <paramref name="role"/> folder (<see cref="FolderRole.None"/> clears it)
    /// with METADATA's /private/specialuse. A server that cannot says so in a sentence, as does one that refuses.
    /// </summary>
    public Task SetSpecialUseAsync(string path, FolderRole role, CancellationToken ct = default) =>
        ChangeAsync("change the use of", path, async (folders, token) =>
        {
            var folder = folders.Get(path);
            if (role == FolderRole.Inbox || folders.RoleOf(path) == FolderRole.Inbox)
            {
                throw new FolderRequestException("The Inbox is always the Inbox.");
            }

            if (!folders.Context.Has(ImapCapabilities.Metadata))
            {
                throw new FolderRequestException(folders.Context.Has(ImapCapabilities.CreateSpecialUse)
                    ? "This mail server marks a folder as special only when it is created; create a new folder for this use instead."
                    : "This mail server does not let WebMail choose special folders; your administrator can set them (WebMail:Folders).");
            }

            // NIL (null) removes the entry (RFC 5464 §4.3).
            var value = role == FolderRole.None ? null! : "\\" + FolderNames.RoleName(role);
            await folder.SetMetadataAsync([new Metadata(MetadataTag.PrivateSpecialUse, value)], token).ConfigureAwait(false);
            LogSpecialUse(_logger, path, role);
            return new FolderListChange(FolderChangeKind.SpecialUse, path, path, folders.Separator);
        }, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Folder {Path} subscribed: {Subscribed}")]
    private static partial void LogSubscription(ILogger logger, string path, bool subscribed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Folder {Path} set to be the {Role} folder")]
    private static partial void LogSpecialUse(ILogger logger, string path, FolderRole role);
}
