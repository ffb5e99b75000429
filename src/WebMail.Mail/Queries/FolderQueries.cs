using MailKit;
using MailKit.Net.Imap;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Queries;

/// <summary>The user's folder list with counts (LIST-STATUS where offered, one command).</summary>
public sealed class FolderQueries
{
    private readonly MailConnection _connection;

    internal FolderQueries(MailConnection connection) => _connection = connection;

    /// <summary>The user's folders with counts, special-use folders first, children under their parent.</summary>
    public Task<IReadOnlyList<FolderInfo>> GetFoldersAsync(CancellationToken cancellationToken = default) =>
        _connection.RunAsync<IReadOnlyList<FolderInfo>>(async (context, ct) =>
        {
            var client = context.Client;
            var personal = client.PersonalNamespaces.Count > 0 ? client.PersonalNamespaces[0] : new FolderNamespace('/', "");
            var folders = await client.GetFoldersAsync(personal, StatusItems.Count | StatusItems.Unread, false, ct).ConfigureAwait(false);
            var all = new List<IMailFolder>(folders.Count + 1);
            if (!folders.Any(f => f.FullName.Equals("INBOX", StringComparison.OrdinalIgnoreCase)))
            {
                await client.Inbox.StatusAsync(StatusItems.Count | StatusItems.Unread, ct).ConfigureAwait(false);
                all.Add(client.Inbox);
            }

            all.AddRange(folders.Where(f => !f.IsNamespace && f.Exists));
            context.Remember(all);
            return FolderOrder.Order(all.Select(f => new FolderEntry(f.FullName, f.Name, f.DirectorySeparator, RoleOf(f), f.Count, f.Unread, (f.Attributes & FolderAttributes.NoSelect) == 0)));
        }, cancellationToken);

    internal static FolderRole RoleOf(IMailFolder folder)
    {
        var a = folder.Attributes;
        if ((a & FolderAttributes.Inbox) != 0 || folder.FullName.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return FolderRole.Inbox;
        }

        return a switch
        {
            _ when (a & FolderAttributes.Drafts) != 0 => FolderRole.Drafts,
            _ when (a & FolderAttributes.Sent) != 0 => FolderRole.Sent,
            _ when (a & FolderAttributes.Archive) != 0 => FolderRole.Archive,
            _ when (a & FolderAttributes.Junk) != 0 => FolderRole.Junk,
            _ when (a & FolderAttributes.Trash) != 0 => FolderRole.Trash,
            _ => FolderRole.None,
        };
    }
}
