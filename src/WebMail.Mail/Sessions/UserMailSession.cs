using Microsoft.Extensions.Logging;
using WebMail.Mail.Actions;
using WebMail.Mail.Compose;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Mailbox;
using WebMail.Mail.Queries;
using WebMail.Mail.Sending;

namespace WebMail.Mail.Sessions;

/// <summary>
/// Everything one user has on this server instance, shared by all of that user's tabs: the one IMAP connection
/// (<see cref="Connection"/>), its watcher, the mailbox view every tab renders from, and the small services that
/// speak the domain over the connection's one command seam.
/// </summary>
public sealed class UserMailSession : IAsyncDisposable
{
    internal UserMailSession(string userName, ImapConnector connector, IMailCredentialSource credentials, MailSessionOptions options, TimeProvider time, ILoggerFactory loggers, FolderLayout? layout = null)
    {
        UserName = userName;
        Connection = new MailConnection(userName, connector, credentials, options, time, loggers.CreateLogger<MailConnection>(), layout);
        Watcher = new MailWatcher(Connection, options, time, loggers.CreateLogger<MailWatcher>());
        Folders = new FolderQueries(Connection);
        Messages = new MessageQueries(Connection, options);
        View = new MailboxView(Folders, Messages, Connection, time, loggers.CreateLogger<MailboxView>());
        Watcher.Changed = View.Apply;
        Actions = new MessageActions(Connection, View.CountsChanged);
        Bulk = new BulkActions(Connection, View, time, loggers.CreateLogger<BulkActions>());
        Drafts = new DraftService(Connection, Messages);
        Sending = new SendService(Connection, Drafts, loggers.CreateLogger<SendService>());
        FolderAdmin = new Folders.FolderManager(Connection, View, loggers.CreateLogger<Folders.FolderManager>());
        Signatures = new Signatures.SignatureQueries(Connection);
    }

    /// <summary>The IMAP user this session belongs to.</summary>
    public string UserName { get; }

    public MailConnection Connection { get; }

    public MailWatcher Watcher { get; }

    /// <summary>What every tab renders from: folders with counts and the rows of the folders in view.</summary>
    public MailboxView View { get; }

    public FolderQueries Folders { get; }

    public MessageQueries Messages { get; }

    public MessageActions Actions { get; }

    /// <summary>Acting on many messages (UID sets in chunks), and undo.</summary>
    public BulkActions Bulk { get; }

    public DraftService Drafts { get; }

    public SendService Sending { get; }

    /// <summary>Creating, renaming, moving, deleting and subscribing folders; their special use.</summary>
    public Folders.FolderManager FolderAdmin { get; }

    /// <summary>Checking the signature of a signed message (S/MIME verified, PGP read).</summary>
    public Signatures.SignatureQueries Signatures { get; }

    internal int Leases { get; set; }

    internal CancellationTokenSource? CloseTimer { get; set; }

    /// <summary>Starts watching the mailbox (once): live changes flow into <see cref="View"/>.</summary>
    public void StartWatching()
    {
        // The loops outlive whatever starts them (a tab's event, a request): their commands are not part of its trace.
        var current = System.Diagnostics.Activity.Current;
        System.Diagnostics.Activity.Current = null;
        try
        {
            View.Start();
            Watcher.Start();
        }
        finally
        {
            System.Diagnostics.Activity.Current = current;
        }
    }

    /// <summary>A push says the server has news: the watcher asks now.</summary>
    public void Poke() => Watcher.Poke();

    public async ValueTask DisposeAsync()
    {
        await Watcher.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        await View.DisposeAsync().ConfigureAwait(false);
    }
}
