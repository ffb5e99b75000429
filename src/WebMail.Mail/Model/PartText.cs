namespace WebMail.Mail.Model;

/// <summary>The beginning of a text attachment, decoded with its declared character set, for a preview.</summary>
/// <param name="Text">The decoded text (at most the bytes asked for).</param>
/// <param name="Truncated">True when the part is longer than what <see cref="Text"/> holds.</param>
/// <param name="Size">The part's size on the server, transfer-encoded, in bytes.</param>
/// <param name="CharsetNotice">A sentence when the declared character set could not be used (null when all is well).</param>
public sealed record PartText(string Text, bool Truncated, long Size, string? CharsetNotice);
