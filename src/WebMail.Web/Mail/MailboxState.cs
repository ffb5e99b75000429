using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WebMail.Mail.Compose;
using WebMail.Mail.Model;
using WebMail.Mail.Sending;
using WebMail.Mail.Sessions;
using WebMail.Web.Data;

namespace WebMail.Web.Mail;

/// <summary>
/// One circuit's (tab's) door to the user's mailbox. Leases the user's shared session from the pool on first use,
/// subscribes to the user's mailbox view (one per user, whatever the number of tabs), and gives both back when the
/// circuit ends. Reads of folders and rows come from the view; the view asks IMAP only for what it does not know.
/// </summary>
public sealed partial class MailboxState(
    ImapSessionPool pool,
    AuthenticationStateProvider authentication,
    SmtpSender sender,
    Microsoft.Extensions.Options.IOptions<ComposeOptions> compose,
    ContactStore contacts,
    ContactCollector collector,
    SenderPolicy senders,
    WebMail.Web.Account.SignInEvents signIns,
    WebMail.Web.Data.IdentityStore identities,
    ILogger<MailboxState> logger) : IDisposable
{
    private SessionLease? _lease;
    private IDisposable? _subscription;
    private IDisposable? _listSubscription;
    private IDisposable? _signInEnded;
    private volatile bool _signedOut;

    /// <summary>Raised after the user's mailbox view applied a change (new mail, flags, expunges, counts). Not on the circuit's thread.</summary>
    public event Action<MailboxChange>? MailboxChanged;

    /// <summary>Raised when a search's result set grew (all folders, streaming) or must be read again. Not on the circuit's thread.</summary>
    public event Action<ListQuery>? ListProgressed;

    /// <summary>Raised when the connection status changes. Not on the circuit's thread.</summary>
    public event Action<ConnectionStatus>? ConnectionChanged;

    /// <summary>The sign-in's id (one per browser sign-in), once the session is leased; frames are kept per sign-in.</summary>
    public string? SignInId { get; private set; }

    /// <summary>The signed-in user, once the session is leased.</summary>
    public string? UserName => _lease?.Session.UserName;

    /// <summary>The folder list as last known by the view (no IMAP).</summary>
    public IReadOnlyList<FolderInfo> Folders => _lease?.Session.View.Folders ?? [];

    /// <summary>How the user's connection to the mail server is doing.</summary>
    public ConnectionStatus Status => _lease?.Session.Connection.Status ?? ConnectionStatus.Ok;

    /// <summary>
    /// Starts live mail for the user (the watcher: IDLE/NOTIFY between commands). Tabs that show the mailbox call it;
    /// a prerender or a compose page does not need the server's news and leaves the connection to its own commands.
    /// </summary>
    public async Task WatchAsync() => (await SessionAsync()).StartWatching();

    private async Task<UserMailSession> SessionAsync()
    {
        if (_signedOut)
        {
            throw new WebMail.Mail.MailSignedOutException("You have been signed out. Sign in again to continue.");
        }

        if (_lease is not null)
        {
            return _lease.Session;
        }

        var state = await authentication.GetAuthenticationStateAsync();
        var user = state.User.FindFirstValue(ClaimTypes.Name)
            ?? throw new InvalidOperationException("The mailbox is used before sign-in.");
        if (_lease is null)
        {
            SignInId = state.User.FindFirstValue(WebMail.Web.Account.AccountExtensions.SessionIdClaim);
            _lease = pool.Lease(user);
            _subscription = _lease.Session.View.Subscribe(change => MailboxChanged?.Invoke(change), status => ConnectionChanged?.Invoke(status));
            _listSubscription = _lease.Session.View.SubscribeLists(query => ListProgressed?.Invoke(query));
            _ = RefreshOwnAddressesAsync();

            // The sign-in ended (elsewhere, or expired): this tab stops using the mailbox at once.
            _signInEnded = SignInId is null ? null : signIns.Subscribe(SignInId, _ =>
            {
                _signedOut = true;
                Dispose();
                return Task.CompletedTask;
            });
        }

        return _lease.Session;
    }

    /// <summary>
    /// Tells the user's mailbox view which addresses are the user's (the identities), so conversations show them as
    /// "me". Called when a tab starts and after the identities change; the login address counts whatever happens.
    /// </summary>
    public async Task RefreshOwnAddressesAsync()
    {
        try
        {
            var session = await SessionAsync();
            var list = await identities.ListAsync(session.UserName);
            session.View.SetOwnAddresses(list.Select(i => i.Address));
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException or WebMail.Mail.MailException)
        {
            // The settings database is out of reach: only the login address counts as "me" meanwhile.
            LogOwnAddressesFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The user's identities could not be read ({Error}); only the login address counts as theirs in conversations.")]
    private static partial void LogOwnAddressesFailed(ILogger logger, string error);

    /// <summary>Label names the user gave (settings) to IMAP keywords, for <c>label:Name</c> searches in every tab.</summary>
    public async Task UseLabelsAsync(Func<string, string?> keywordOf) => (await SessionAsync()).View.LabelKeyword = keywordOf;

    public async Task<string> GetUserNameAsync() => (await SessionAsync()).UserName;

    public async Task<IReadOnlyList<FolderInfo>> GetFoldersAsync(CancellationToken cancellationToken = default) =>
        await (await SessionAsync()).View.GetFoldersAsync(cancellationToken);

    public async Task<MessagePage> GetMessagesAsync(string folder, int startIndex, int count, CancellationToken cancellationToken = default) =>
        await (await SessionAsync()).View.GetPageAsync(folder, startIndex, count, cancellationToken);

    /// <summary>Rows of a list (a folder, or a search, filter or sort of it); a search the parser cannot read throws SearchSyntaxException.</summary>
    public async Task<ListPage> GetListPageAsync(ListQuery query, int startIndex, int count, CancellationToken cancellationToken = default) =>
        await (await SessionAsync()).View.GetListPageAsync(query, startIndex, count, cancellationToken);

    /// <summary>Conversation rows of a folder, newest activity first (the folder is threaded once per change, for every tab).</summary>
    public async Task<WebMail.Mail.Conversations.ConversationPage> GetConversationsAsync(string folder, int startIndex, int count, CancellationToken cancellationToken = default) =>
        await (await SessionAsync()).View.GetConversationsAsync(folder, startIndex, count, cancellationToken);

    /// <summary>The conversation holding a message, with the user's replies from Sent and Drafts, oldest first.</summary>
    public async Task<WebMail.Mail.Conversations.ConversationThread> OpenConversationAsync(MessageRef id, CancellationToken cancellationToken = default) =>
        await (await SessionAsync()).View.OpenConversationAsync(id, cancellationToken);

    /// <summary>Opens a message (two IMAP round trips at most); the sender is remembered for autocomplete off this path.</summary>
    public async Task<MessageView> GetMessageAsync(MessageRef id, CancellationToken cancellationToken = default)
    {
        var session = await SessionAsync();
        var view = await session.Messages.GetMessageAsync(id, cancellationToken);
        if (view.From is { } from)
        {
            collector.Collect(session.UserName, [from]);
        }

        return view;
    }

    /// <summary>Addresses for autocomplete: address book first, then the ones used most.</summary>
    public async Task<IReadOnlyList<MailAddress>> SuggestAsync(string text) => await contacts.SuggestAsync(await GetUserNameAsync(), text);

    public async Task SetSeenAsync(MessageRef id, bool seen) => await (await SessionAsync()).Actions.SetSeenAsync(id, seen);

    public async Task SetFlaggedAsync(MessageRef id, bool flagged) => await (await SessionAsync()).Actions.SetFlaggedAsync(id, flagged);

    public async Task DeleteAsync(MessageRef id) => await (await SessionAsync()).Actions.DeleteAsync(id);

    public async Task MoveAsync(MessageRef id, string folder) => await (await SessionAsync()).Actions.MoveAsync(id, folder);

    public async Task<Draft> NewDraftAsync() => Draft.Empty(await GetUserNameAsync());

    /// <param name="wording">The attribution in the user's language and time zone (<see cref="WebMail.Web.Localization.ReplyWordings"/>).</param>
    public async Task<Draft> CreateReplyAsync(MessageRef original, ReplyKind kind, string tempDirectory, ReplyWording? wording = null)
    {
        var session = await SessionAsync();
        return await session.Drafts.CreateReplyAsync(original, kind, session.UserName, [session.UserName], tempDirectory, wording);
    }

    public async Task<Draft> OpenDraftAsync(MessageRef id, string tempDirectory) => await (await SessionAsync()).Drafts.OpenDraftAsync(id, tempDirectory);

    public async Task<MessageRef> SaveDraftAsync(Draft draft) => await (await SessionAsync()).Drafts.SaveDraftAsync(draft);

    /// <summary>
    /// Sends the draft; the result says whether it left, and whether a copy reached Sent. A From address the user
    /// may not send as (<see cref="SenderPolicy"/>) is refused here, before SMTP, and the draft is kept.
    /// </summary>
    public async Task<SendResult> SendAsync(Draft draft)
    {
        var session = await SessionAsync();
        var result = await session.Sending.SendAsync(draft, sender, compose.Value.SaveToSent, address => senders.Refusal(session.UserName, address));
        if (result.Delivered)
        {
            var recipients = new[] { draft.To, draft.Cc, draft.Bcc }.SelectMany(f => AddressParser.Parse(f).Valid).Select(m => new MailAddress(m.Name, m.Address));
            collector.Collect(session.UserName, recipients);
        }

        return result;
    }

    public void Dispose()
    {
        _signInEnded?.Dispose();
        _subscription?.Dispose();
        _listSubscription?.Dispose();
        _lease?.Dispose();
    }
}
