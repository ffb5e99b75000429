namespace WebMail.Mail.Model;

/// <summary>What the server says about a message before its raw source or its attachments are streamed.</summary>
/// <param name="Subject">The decoded subject ("(no subject)" when it has none), for a download's file name.</param>
/// <param name="Size">The message's size in bytes (RFC822.SIZE).</param>
/// <param name="Attachments">Every attachment part, in the order the reader lists them.</param>
public sealed record MessageSourceInfo(string Subject, long Size, IReadOnlyList<PartInfo> Attachments);

/// <summary>One header field as shown: its name and its decoded, unfolded value.</summary>
public sealed record HeaderField(string Name, string Value);
