using System.ComponentModel.DataAnnotations;

namespace WebMail.Mail.Signatures;

/// <summary>Checking signed mail (S/MIME, PGP). Bound from <c>WebMail:Signatures</c>.</summary>
public sealed class SignatureOptions
{
    public const string SectionName = "WebMail:Signatures";

    /// <summary>
    /// The system's trusted roots, a PEM bundle (Debian's <c>/etc/ssl/certs/ca-certificates.crt</c> by default); empty
    /// trusts only <see cref="TrustedRootsPath"/>. A bundle that is not there is logged and left out.
    /// </summary>
    public string SystemRootsPath { get; set; } = "/etc/ssl/certs/ca-certificates.crt";

    /// <summary>
    /// More roots to trust for S/MIME signers (a company's own CA): a certificate file (PEM, several allowed, or DER) or a
    /// folder of them (<c>.pem</c>, <c>.crt</c>, <c>.cer</c>). Empty for none. Checked at start.
    /// </summary>
    public string TrustedRootsPath { get; set; } = "";

    /// <summary>Largest signed message, in bytes, fetched to check its signature; a larger one is marked "too large to verify".</summary>
    [Range(64 * 1024, 256 * 1024 * 1024, ErrorMessage = "WebMail:Signatures:MaxSignedMessageBytes must be between 65536 and 268435456.")]
    public long MaxSignedMessageBytes { get; set; } = 25 * 1024 * 1024;
}
