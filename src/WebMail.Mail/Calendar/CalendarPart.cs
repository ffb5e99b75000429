using MailKit;
using WebMail.Mail.Rendering;

namespace WebMail.Mail.Calendar;

/// <summary>A message's <c>text/calendar</c> part, described from its BODYSTRUCTURE (nothing fetched).</summary>
/// <param name="PartId">IMAP part specifier, also good for the attachment download.</param>
/// <param name="FileName">Its file name, or <c>invite.ics</c> when it has none (an alternative of the body).</param>
/// <param name="EncodedSize">Its size on the server, still transfer-encoded.</param>
/// <param name="Method">The Content-Type's <c>method=</c> parameter (REQUEST, CANCEL …), when given.</param>
public sealed record CalendarPartInfo(string PartId, string FileName, long EncodedSize, string TransferEncoding, string? Charset, string? Method);

/// <summary>Finds the invitation of a message: inline in multipart/alternative or attached, never inside a forwarded message.</summary>
internal static class CalendarPart
{
    /// <summary>
    /// The first <c>text/calendar</c> part (or an <c>application/ics</c> attachment) outside attached messages; a part
    /// that carries a <c>method=</c> parameter (an iMIP part) wins over one that does not (a plain .ics file).
    /// </summary>
    public static CalendarPartInfo? Find(BodyPart? root)
    {
        BodyPartBasic? found = null;
        Walk(root);
        return found is null ? null : Describe(found);

        void Walk(BodyPart? part)
        {
            switch (part)
            {
                case BodyPartMultipart multi:
                    foreach (var child in multi.BodyParts)
                    {
                        Walk(child);
                    }

                    break;
                case BodyPartMessage:
                    // A forwarded invitation is the forwarder's business: its .ics stays an attachment of that message.
                    break;
                case BodyPartBasic basic when IsCalendar(basic):
                    if (found is null || (found.ContentType.Parameters["method"] is null && basic.ContentType.Parameters["method"] is not null))
                    {
                        found = basic;
                    }

                    break;
            }
        }
    }

    private static bool IsCalendar(BodyPartBasic part) =>
        part.ContentType.IsMimeType("text", "calendar")
        || part.ContentType.IsMimeType("application", "ics")
        || (part.ContentType.IsMimeType("application", "octet-stream") && (part.FileName ?? part.ContentType.Name ?? "").EndsWith(".ics", StringComparison.OrdinalIgnoreCase));

    private static CalendarPartInfo Describe(BodyPartBasic part) => new(
        BodyStructureReader.Section(part),
        FileNames.Safe(part.FileName ?? part.ContentType.Name, "invite.ics"),
        part.Octets,
        part.ContentTransferEncoding ?? "7bit",
        part.ContentType.Charset,
        part.ContentType.Parameters["method"]?.Trim().ToUpperInvariant());
}
