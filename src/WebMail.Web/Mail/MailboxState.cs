using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WebMail.Mail.Compose;
using WebMail.Mail.Model;
using WebMail.Mail.Sending;
using WebMail.Mail.Sessions;

namespace WebMail.Web.Mail;

/// <summary>
/// One circuit's (tab's) view of the user's mailbox. Leases the user's shared IMAP session from the pool
/// on first use and gives it back when the circuit ends.
/// </summary>
public sealed class MailboxState(ImapSessionPool pool, AuthenticationStateProvider authentication, SmtpSender sender, Microsoft.Extensions.Options.IOptions<ComposeOptions> compose, WebMail.Web.Data.ContactStore contacts) : IDisposable
{
    private SessionLease? _lease;

    /// <summary>Raised when the IMAP connection drops (false) or comes back (true). Not on the circuit's thread.</summary>
    public event Action<bool>? ConnectionChanged;

    /// <summary>Raised when the server reports a change (new mail, flags, expunges, counts). Not on the circuit's thread.</summary>
    public event Action<MailboxChange>? MailboxChanged;

    /// <summary>Starts receiving changes for this tab (leases the session if needed).</summary>
    public async Task WatchAsync() => await SessionAsync();

    /// <summary>The signed-in user.</summary>
    public string? UserName => _lease?.Session.UserName;

    private async Task<UserMailSession> SessionAsync()
    {
        if (_lease is not null)
        {
            return _lease.Session;
        }

        var state = await authentication.GetAuthenticationStateAsync();
        var user = state.User.FindFirstValue(ClaimTypes.Name)
            ?? throw new InvalidOperationException("The mailbox is used before sign-in.");
        _lease = pool.Lease(user);
        _lease.Session.ConnectionStateChanged += OnConnectionStateChanged;
        _lease.Session.Changed += OnChanged;
        _lease.Session.StartWatching();
        return _lease.Session;
    }

    public async Task<string> GetUserNameAsync() => (await SessionAsync()).UserName;

    public async Task<IReadOnlyList<FolderInfo>> GetFoldersAsync(CancellationToken cancellationToken = default) =>
        await (await SessionAsync()).GetFoldersAsync(cancellationToken);

    public async Task<MessagePage> GetMessagesAsync(string folder, int startIndex, int count, CancellationToken cancellationToken = default) =>
        await (await SessionAsync()).GetMessagesAsync(folder, startIndex, count, cancellationToken);

    public async Task<MessageView> GetMessageAsync(MessageRef id, CancellationToken cancellationToken = default)
    {
        var session = await SessionAsync();
        var view = await session.GetMessageAsync(id, cancellationToken);
        if (view.From is { } from)
        {
            await contacts.CollectAsync(session.UserName, [from], cancellationToken);
        }

        return view;
    }

    /// <summary>Addresses for autocomplete: address book first, then the ones used most.</summary>
    public async Task<IReadOnlyList<MailAddress>> SuggestAsync(string text) => await contacts.SuggestAsync(await GetUserNameAsync(), text);

    public async Task SetSeenAsync(MessageRef id, bool seen) => await (await SessionAsync()).SetSeenAsync(id, seen);

    public async Task SetFlaggedAsync(MessageRef id, bool flagged) => await (await SessionAsync()).SetFlaggedAsync(id, flagged);

    public async Task DeleteAsync(MessageRef id) => await (await SessionAsync()).DeleteAsync(id);

    public async Task MoveAsync(MessageRef id, string folder) => await (await SessionAsync()).MoveAsync(id, folder);

    public async Task<Draft> NewDraftAsync() => Draft.Empty(await GetUserNameAsync());

    public async Task<Draft> CreateReplyAsync(MessageRef original, ReplyKind kind, string tempDirectory)
    {
        var session = await SessionAsync();
        return await session.CreateReplyAsync(original, kind, session.UserName, [session.UserName], tempDirectory);
    }

    public async Task<Draft> OpenDraftAsync(MessageRef id, string tempDirectory) => await (await SessionAsync()).OpenDraftAsync(id, tempDirectory);

    public async Task<MessageRef> SaveDraftAsync(Draft draft) => await (await SessionAsync()).SaveDraftAsync(draft);

    public async Task SendAsync(Draft draft)
    {
        var session = await SessionAsync();
        await session.SendAsync(draft, sender, compose.Value.SaveToSent);
        var recipients = new[] { draft.To, draft.Cc, draft.Bcc }.SelectMany(f => AddressParser.Parse(f).Valid).Select(m => new MailAddress(m.Name, m.Address));
        await contacts.CollectAsync(session.UserName, recipients);
    }

    private void OnConnectionStateChanged(object? sender, bool connected) => ConnectionChanged?.Invoke(connected);

    private void OnChanged(object? sender, MailboxChange change) => MailboxChanged?.Invoke(change);

    public void Dispose()
    {
        if (_lease is not null)
        {
            _lease.Session.ConnectionStateChanged -= OnConnectionStateChanged;
            _lease.Session.Changed -= OnChanged;
            _lease.Dispose();
        }
    }
}
