using System.Globalization;
using MimeKit;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace WebMail.Mail.Signatures;

/// <summary>
/// Reads a PGP/MIME signature packet for who made it (key id, issuer fingerprint, time). Nothing is verified: that
/// needs the signer's public key, and there is no keyring.
/// </summary>
internal static class OpenPgpSignatureReader
{
    public static SignatureStatus Read(MimeEntity entity)
    {
        var unreadable = new SignatureStatus(SignatureKind.OpenPgp, SignatureVerdict.Invalid, "The PGP signature could not be read; it may be damaged.");
        if (entity is not Multipart { Count: >= 2 } signed || signed[1] is not MimePart { Content: not null } part)
        {
            return unreadable;
        }

        try
        {
            using var raw = new MemoryStream();
            part.Content.DecodeTo(raw);
            raw.Position = 0;
            using var decoded = PgpUtilities.GetDecoderStream(raw);
            var signature = FirstSignature(new PgpObjectFactory(decoded));
            if (signature is null)
            {
                return unreadable;
            }

            var fingerprint = signature.GetHashedSubPackets()?.GetIssuerFingerprint() ?? signature.GetUnhashedSubPackets()?.GetIssuerFingerprint();
            return new SignatureStatus(SignatureKind.OpenPgp, SignatureVerdict.NotVerified)
            {
                PgpKeyId = signature.KeyId.ToString("X16", CultureInfo.InvariantCulture),
                PgpFingerprint = fingerprint is null ? null : Grouped(Convert.ToHexString(fingerprint.GetFingerprint())),
                SignedAt = new DateTimeOffset(DateTime.SpecifyKind(signature.CreationTime, DateTimeKind.Utc)),
            };
        }
        catch (Exception ex) when (ex is IOException or PgpException or ArgumentException or InvalidCastException or FormatException)
        {
            return unreadable;
        }
    }

    private static PgpSignature? FirstSignature(PgpObjectFactory factory)
    {
        for (var next = factory.NextPgpObject(); next is not null; next = factory.NextPgpObject())
        {
            if (next is PgpSignatureList { Count: > 0 } list)
            {
                return list[0];
            }
        }

        return null;
    }

    private static string Grouped(string hex) => string.Join(' ', hex.Chunk(4).Select(group => new string(group)));
}
