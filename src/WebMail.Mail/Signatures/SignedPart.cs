using MailKit;
using WebMail.Mail.Rendering;

namespace WebMail.Mail.Signatures;

/// <summary>How a message is signed.</summary>
public enum SignatureKind
{
    /// <summary>S/MIME, the signature beside the content (<c>multipart/signed</c>, <c>application/pkcs7-signature</c>).</summary>
    Smime,

    /// <summary>S/MIME with the content inside the signature (<c>application/pkcs7-mime; smime-type=signed-data</c>).</summary>
    SmimeOpaque,

    /// <summary>PGP/MIME (<c>multipart/signed</c>, <c>application/pgp-signature</c>).</summary>
    OpenPgp,
}

/// <summary>The signed part of a message, as its body structure tells it (nothing fetched).</summary>
/// <param name="PartId">IMAP part specifier of the signed entity; empty when it is the message's whole body.</param>
public sealed record SignedPart(string PartId, SignatureKind Kind);

/// <summary>Finds the signed entity in a BODYSTRUCTURE: the body itself, or the first part of a <c>multipart/mixed</c> (a list's footer added after it).</summary>
internal static class SignedPartFinder
{
    public static SignedPart? Find(BodyPart? root)
    {
        if (root is null)
        {
            return null;
        }

        if (KindOf(root) is { } kind)
        {
            return new SignedPart(root.PartSpecifier ?? "", kind);
        }

        return root is BodyPartMultipart { BodyParts.Count: > 0 } mixed && mixed.ContentType.IsMimeType("multipart", "mixed") && KindOf(mixed.BodyParts[0]) is { } inner
            ? new SignedPart(BodyStructureReader.Section(mixed.BodyParts[0]), inner)
            : null;
    }

    /// <summary>Whether <paramref name="part"/> is a signature this reader knows, and which.</summary>
    internal static SignatureKind? KindOf(BodyPart part)
    {
        var type = part.ContentType;
        if (part is BodyPartMultipart && type.IsMimeType("multipart", "signed"))
        {
            var protocol = type.Parameters["protocol"]?.Trim().ToLowerInvariant();
            return protocol switch
            {
                "application/pkcs7-signature" or "application/x-pkcs7-signature" => SignatureKind.Smime,
                "application/pgp-signature" => SignatureKind.OpenPgp,
                _ => null,
            };
        }

        var smimeType = type.Parameters["smime-type"]?.Trim();
        return part is BodyPartBasic
            && (type.IsMimeType("application", "pkcs7-mime") || type.IsMimeType("application", "x-pkcs7-mime"))
            && string.Equals(smimeType, "signed-data", StringComparison.OrdinalIgnoreCase)
                ? SignatureKind.SmimeOpaque
                : null;
    }
}
