namespace WebMail.Mail.Model;

/// <summary>A mailbox address for display.</summary>
public sealed record MailAddress(string? Name, string Address)
{
    public string Display => string.IsNullOrWhiteSpace(Name) ? Address : Name;

    public override string ToString() => string.IsNullOrWhiteSpace(Name) ? Address : $"{Name} <{Address}>";
}

/// <summary>One row of the message list.</summary>
/// <param name="Keywords">The message's IMAP keywords (labels such as <c>$label1</c>, <c>$Junk</c>); null is read as none.</param>
public sealed record MessageRow(
    MessageRef Id,
    MailAddress? From,
    IReadOnlyList<MailAddress> To,
    string Subject,
    DateTimeOffset Date,
    long Size,
    bool Seen,
    bool Flagged,
    bool Answered,
    bool HasAttachments,
    IReadOnlyList<string>? Keywords = null)
{
    /// <summary>The message's IMAP keywords (never null; empty when it has none).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = Keywords ?? [];
}

/// <summary>A slice of a folder's messages, newest first.</summary>
/// <param name="Total">Messages in the folder when the page was read.</param>
/// <param name="StartIndex">Index (0 = newest) of the first row.</param>
public sealed record MessagePage(string Folder, uint UidValidity, int Total, int StartIndex, IReadOnlyList<MessageRow> Rows);

/// <summary>An attachment or inline part of a message.</summary>
/// <param name="PartId">IMAP part specifier ("2", "1.3").</param>
/// <param name="Size">Approximate decoded size in bytes.</param>
public sealed record AttachmentInfo(string PartId, string FileName, string ContentType, long Size, string? ContentId);

/// <summary>A message opened for reading.</summary>
public sealed record MessageView(
    MessageRef Id,
    string Subject,
    MailAddress? From,
    IReadOnlyList<MailAddress> To,
    IReadOnlyList<MailAddress> Cc,
    IReadOnlyList<MailAddress> ReplyTo,
    DateTimeOffset Date,
    long Size,
    bool Seen,
    bool Flagged,
    MessageBody Body,
    IReadOnlyList<AttachmentInfo> Attachments)
{
    /// <summary>Every header field of the message, in order, as the server stored it (top = added last).</summary>
    public MimeKit.HeaderList Headers { get; init; } = [];

    /// <summary>The message's calendar invitation part (<c>text/calendar</c>, iMIP), when it has one.</summary>
    public Calendar.CalendarPartInfo? Calendar { get; init; }
    /// <summary>The signed part, when the message is signed (S/MIME or PGP/MIME); its signature is checked apart.</summary>
    public Signatures.SignedPart? Signed { get; init; }
    /// <summary>The message's IMAP keywords as it was opened (labels, <c>$MDNSent</c>, …).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];
}

/// <summary>The readable body: HTML (still untrusted, to be sanitized) or plain text.</summary>
/// <param name="InlineParts">Parts a <c>cid:</c> URL may point at, keyed by Content-ID without angle brackets.</param>
/// <param name="Truncated">True when the body was longer than the display limit and was cut.</param>
public sealed record MessageBody(string? Html, string? Text, IReadOnlyDictionary<string, AttachmentInfo> InlineParts, bool Truncated)
{
    public static MessageBody Empty { get; } = new(null, "", new Dictionary<string, AttachmentInfo>(), false);

    /// <summary>A sentence for the reader when the body's declared character set could not be used (null when all is well).</summary>
    public string? CharsetNotice { get; init; }

    /// <summary>
    /// Set when the HTML part is too large to sanitize and show: <see cref="Html"/> is then null and <see cref="Text"/>
    /// holds the plain-text alternative or a text extraction of the HTML's beginning.
    /// </summary>
    public LargeHtmlPart? LargeHtml { get; init; }
}

/// <summary>An HTML body part left unshown because of its size; it can be downloaded as a file.</summary>
/// <param name="PartId">IMAP part specifier, for the attachment endpoint.</param>
/// <param name="Size">Approximate decoded size in bytes.</param>
/// <param name="TextFromAlternative">True when <see cref="MessageBody.Text"/> is the sender's own plain-text version.</param>
/// <param name="TextTruncated">True when <see cref="MessageBody.Text"/> is only the beginning of that text.</param>
public sealed record LargeHtmlPart(string PartId, long Size, bool TextFromAlternative, bool TextTruncated);

/// <summary>What the server says about one part before streaming it.</summary>
public sealed record PartInfo(string PartId, string ContentType, string FileName, long EncodedSize, string TransferEncoding);
