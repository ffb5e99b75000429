using WebMail.Mail.Model;

namespace WebMail.Mail.Compose;

/// <summary>A message being written, as the compose form holds it (addresses as typed).</summary>
/// <param name="From">The sender (an identity): "Name &lt;address&gt;" or an address.</param>
/// <param name="To">Recipients as typed, separated by commas or semicolons.</param>
/// <param name="HtmlBody">The rich-text body, or null for plain text only.</param>
/// <param name="TextBody">The plain-text body (always sent as the text/plain alternative).</param>
/// <param name="Reply">What this draft answers or forwards, if anything.</param>
/// <param name="SavedAs">The current copy in the Drafts folder, replaced at every save.</param>
public sealed record Draft(
    string From,
    string To,
    string Cc,
    string Bcc,
    string Subject,
    string? HtmlBody,
    string TextBody,
    IReadOnlyList<DraftAttachment> Attachments,
    ReplyContext? Reply = null,
    MessageRef? SavedAs = null)
{
    /// <summary>Stable id of the compose session this draft belongs to (written into the draft as a header), so a reload finds it again.</summary>
    public Guid? ComposeId { get; init; }

    /// <summary>When the saved copy was written (its Date header); null for a draft never saved.</summary>
    public DateTimeOffset? SavedAt { get; init; }

    /// <summary>Ask the recipients for a read receipt (<c>Disposition-Notification-To</c> with the From address, RFC 8098).</summary>
    public bool RequestReadReceipt { get; init; }

    public static Draft Empty(string from) => new(from, "", "", "", "", null, "", []);
}

/// <summary>An attachment waiting in temporary storage (never in the circuit's memory).</summary>
public sealed record DraftAttachment(string FileName, string ContentType, string TempPath, long Size);

/// <summary>The original message of a reply or forward, and the headers that thread the answer to it.</summary>
public sealed record ReplyContext(MessageRef Original, ReplyKind Kind, string? MessageId, IReadOnlyList<string> References);

public enum ReplyKind
{
    Reply,
    ReplyAll,
    Forward,
    ForwardAsAttachment,
}
