using WebMail.Mail.Conversations;
using WebMail.Mail.Model;

namespace WebMail.Mail.Mailbox;

/// <summary>
/// Conversations of the folders being looked at: each folder is threaded once (shared by every tab) and threaded
/// again after any change to it, so a new reply joins its conversation. Rows are read only for the conversations in view.
/// </summary>
public sealed partial class MailboxView
{
    private readonly Dictionary<string, Task<ConversationIndex>> _threads = new(StringComparer.Ordinal);
    private ConversationQueries? _conversationQueries;
    private volatile IReadOnlySet<string> _ownAddresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The user's label names to their IMAP keywords, for <c>label:</c> searches (set by the app from its settings).</summary>
    public Func<string, string?>? LabelKeyword { get; set; }

    /// <summary>
    /// The user's other addresses (identities) besides the login: messages from any of them are "me" in conversations.
    /// Rows read after this see them.
    /// </summary>
    public void SetOwnAddresses(IEnumerable<string> addresses) =>
        _ownAddresses = new HashSet<string>(addresses.Where(a => !string.IsNullOrWhiteSpace(a)), StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether an address is the user's: the login, or one of <see cref="SetOwnAddresses"/>.</summary>
    public bool IsOwnAddress(string? address) =>
        address is not null && (string.Equals(address, _connection.UserName, StringComparison.OrdinalIgnoreCase) || _ownAddresses.Contains(address));

    /// <summary>Threading and conversation reads over the user's connection.</summary>
    public ConversationQueries ConversationQueries
    {
        get
        {
            lock (_lock)
            {
                return _conversationQueries ??= new ConversationQueries(_connection, IsOwnAddress);
            }
        }
    }

    /// <summary>The folder's conversations, threaded once per change of the folder and shared by every tab.</summary>
    public async Task<ConversationIndex> GetConversationIndexAsync(string folder, CancellationToken cancellationToken = default)
    {
        Task<ConversationIndex> threading;
        lock (_lock)
        {
            if (!_watching || !_threads.TryGetValue(folder, out var known) || known.IsFaulted || known.IsCanceled)
            {
                // Nothing feeds the view yet (a prerender), or not threaded since the folder's last change: thread it.
                threading = ConversationQueries.ThreadAsync(folder, CancellationToken.None, fresh: !_watching);
                if (_watching)
                {
                    if (_threads.Count >= MaxFoldersKept)
                    {
                        _threads.Clear();
                    }

                    _threads[folder] = threading;
                }
            }
            else
            {
                threading = known;
            }
        }

        return await threading.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Conversation rows [start, start + count) of a folder, newest activity first.</summary>
    public async Task<ConversationPage> GetConversationsAsync(string folder, int startIndex, int count, CancellationToken cancellationToken = default)
    {
        var index = await GetConversationIndexAsync(folder, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ConversationQueries.GetRowsAsync(index, startIndex, count, cancellationToken).ConfigureAwait(false);
        }
        catch (MailItemNotFoundException)
        {
            // The folder was recreated between threading and reading rows: thread it again once.
            ForgetConversations(folder);
            index = await GetConversationIndexAsync(folder, cancellationToken).ConfigureAwait(false);
            return await ConversationQueries.GetRowsAsync(index, startIndex, count, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Opens the conversation holding <paramref name="id"/>, with the user's replies from Sent and Drafts.</summary>
    public async Task<ConversationThread> OpenConversationAsync(MessageRef id, CancellationToken cancellationToken = default)
    {
        var index = await GetConversationIndexAsync(id.Folder, cancellationToken).ConfigureAwait(false);
        return await ConversationQueries.OpenAsync(index, id, cancellationToken).ConfigureAwait(false);
    }

    private void ForgetConversations(string folder)
    {
        lock (_lock)
        {
            ForgetConversationsLocked(folder);
        }
    }

    /// <summary>Drops a folder's threading (null: every folder's) after a change; call under the lock.</summary>
    private void ForgetConversationsLocked(string? folder)
    {
        if (folder is null)
        {
            _threads.Clear();
        }
        else
        {
            _threads.Remove(folder);
        }
    }
}
