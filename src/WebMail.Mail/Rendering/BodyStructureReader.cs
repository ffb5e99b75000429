using MailKit;
using WebMail.Mail.Model;

namespace WebMail.Mail.Rendering;

/// <summary>Which parts of a message are its readable body, which are inline (cid:) parts, and which are attachments.</summary>
internal sealed record BodyLayout(
    BodyPartText? HtmlPart,
    BodyPartText? TextPart,
    IReadOnlyList<AttachmentInfo> Attachments,
    IReadOnlyDictionary<string, AttachmentInfo> InlineParts);

/// <summary>Reads an IMAP BODYSTRUCTURE without fetching any content.</summary>
internal static class BodyStructureReader
{
    public static bool HasAttachments(BodyPart? root) => root is not null && Read(root).Attachments.Count > 0;

    public static BodyLayout Read(BodyPart? root)
    {
        BodyPartText? html = null, text = null;
        var attachments = new List<AttachmentInfo>();
        var inline = new Dictionary<string, AttachmentInfo>(StringComparer.OrdinalIgnoreCase);
        if (root is not null)
        {
            Walk(root, inRelated: false);
        }

        return new BodyLayout(html, text, attachments, inline);

        void Walk(BodyPart part, bool inRelated)
        {
            switch (part)
            {
                case BodyPartMultipart multi:
                    var related = multi.ContentType.IsMimeType("multipart", "related");

                    // A signature (smime.p7s, signature.asc) is not an attachment: the reader shows it as the signer.
                    var signature = Signatures.SignedPartFinder.KindOf(multi) is null ? null : multi.BodyParts.Skip(1).FirstOrDefault();
                    foreach (var child in multi.BodyParts.Where(c => c != signature))
                    {
                        Walk(child, inRelated || related);
                    }

                    break;
                case BodyPartMessage message:
                    attachments.Add(Describe(message, "message.eml"));
                    break;
                case BodyPartBasic basic:
                    var isAttachment = basic.IsAttachment || !string.IsNullOrEmpty(basic.FileName);
                    var contentId = basic.ContentId?.Trim('<', '>', ' ');
                    if (!isAttachment && basic is BodyPartText t && t.IsHtml && html is null)
                    {
                        html = t;
                    }
                    else if (!isAttachment && basic is BodyPartText p && p.IsPlain && text is null)
                    {
                        text = p;
                    }
                    else if (!isAttachment && basic is BodyPartText)
                    {
                        // Another alternative of the body (e.g. text/enriched): not an attachment.
                    }
                    else if (!string.IsNullOrEmpty(contentId) && inRelated && !basic.IsAttachment)
                    {
                        inline[contentId] = Describe(basic, "inline");
                    }
                    else
                    {
                        var info = Describe(basic, "attachment");
                        attachments.Add(info);
                        if (!string.IsNullOrEmpty(contentId))
                        {
                            inline.TryAdd(contentId, info);
                        }
                    }

                    break;
            }
        }
    }

    public static string Section(BodyPart part) => string.IsNullOrEmpty(part.PartSpecifier) ? "1" : part.PartSpecifier;

    /// <summary>A part's size once decoded, estimated from its encoded size on the server (nothing is fetched).</summary>
    public static long DecodedSize(BodyPartBasic part)
    {
        var octets = (long)part.Octets;
        return string.Equals(part.ContentTransferEncoding, "base64", StringComparison.OrdinalIgnoreCase) ? octets * 3 / 4 : octets;
    }

    private static AttachmentInfo Describe(BodyPartBasic part, string fallbackName)
    {
        var name = FileNames.Safe(part.FileName ?? part.ContentType.Name, fallbackName);
        return new AttachmentInfo(Section(part), name, part.ContentType.MimeType.ToLowerInvariant(), DecodedSize(part), part.ContentId?.Trim('<', '>', ' '));
    }
}
