using WebMail.Mail.Model;

namespace WebMail.Mail.Conversations;

/// <summary>
/// The conversations of one folder, newest activity (highest UID) first. Each conversation is the ascending UIDs of
/// its messages in this folder; nothing else is held, so a 10k folder costs about 40 KB.
/// </summary>
/// <param name="ServerThreaded">True when the server threaded (THREAD=REFERENCES); false when we did (the fallback).</param>
public sealed class ConversationIndex(string folder, uint uidValidity, IReadOnlyList<uint[]> conversations, bool serverThreaded)
{
    private Dictionary<uint, int>? _byUid;

    public string Folder { get; } = folder;

    public uint UidValidity { get; } = uidValidity;

    /// <summary>Each conversation's UIDs, ascending; the list is ordered by each conversation's newest UID, descending.</summary>
    public IReadOnlyList<uint[]> Conversations { get; } = conversations;

    public bool ServerThreaded { get; } = serverThreaded;

    public int Count => Conversations.Count;

    /// <summary>The position of the conversation holding <paramref name="uid"/>, or -1.</summary>
    public int IndexOf(uint uid)
    {
        if (_byUid is null)
        {
            var map = new Dictionary<uint, int>();
            for (var i = 0; i < Conversations.Count; i++)
            {
                foreach (var u in Conversations[i])
                {
                    map[u] = i;
                }
            }

            _byUid = map;
        }

        return _byUid.TryGetValue(uid, out var at) ? at : -1;
    }

    /// <summary>Orders conversations (each sorted ascending here) by their newest UID, newest first.</summary>
    internal static List<uint[]> Order(IEnumerable<IEnumerable<uint>> groups) =>
        [.. groups.Select(g => g.Order().ToArray()).Where(g => g.Length > 0).OrderByDescending(g => g[^1])];
}

/// <summary>One row of the conversation list.</summary>
/// <param name="Newest">The newest message of the conversation in this folder: the row opens it.</param>
/// <param name="Messages">Every message of the conversation in this folder, oldest first (for actions on the whole).</param>
/// <param name="Participants">Senders' display names, oldest first, each once; the user's own is "me".</param>
/// <param name="Subject">The subject of the conversation's first message.</param>
/// <param name="Date">The newest message's date.</param>
/// <param name="Unread">True when any message is unread.</param>
/// <param name="Flagged">True when any message is flagged.</param>
public sealed record ConversationRow(
    MessageRef Newest,
    IReadOnlyList<MessageRef> Messages,
    IReadOnlyList<string> Participants,
    string Subject,
    DateTimeOffset Date,
    bool Unread,
    bool Flagged)
{
    public int Count => Messages.Count;
}

/// <summary>A slice of a folder's conversation list.</summary>
/// <param name="Total">Conversations in the folder.</param>
/// <param name="StartIndex">Index (0 = newest activity) of the first row.</param>
public sealed record ConversationPage(string Folder, int Total, int StartIndex, IReadOnlyList<ConversationRow> Rows);

/// <summary>One message of an opened conversation, from the folder or from Sent/Drafts.</summary>
/// <param name="FolderRole">The role of the folder it was found in (Sent, Drafts) or <see cref="FolderRole.None"/> for the conversation's own folder.</param>
/// <param name="FromMe">Sent by the user.</param>
/// <param name="Snippet">The start of its text when the server gives it cheaply (PREVIEW), else null.</param>
public sealed record ConversationMessage(
    MessageRef Id,
    MailAddress? From,
    bool FromMe,
    string Subject,
    DateTimeOffset Date,
    bool Seen,
    bool Flagged,
    FolderRole FolderRole,
    string? Snippet);

/// <summary>An opened conversation: its messages oldest to newest, the user's replies from Sent and Drafts among them.</summary>
public sealed record ConversationThread(string Subject, IReadOnlyList<ConversationMessage> Messages);
