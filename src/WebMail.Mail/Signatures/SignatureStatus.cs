namespace WebMail.Mail.Signatures;

/// <summary>What checking a message's signature found.</summary>
public enum SignatureVerdict
{
    /// <summary>The signature verifies, the certificate chains to a trusted root, and it was issued to the sender's address.</summary>
    Valid,

    /// <summary>The signature does not match the message: it was changed after it was signed (or the signature is damaged).</summary>
    Invalid,

    /// <summary>The signature matches the message, but the signer is not one this server trusts (see <see cref="SignatureStatus.UntrustedBecause"/>).</summary>
    UnknownSigner,

    /// <summary>Signed with PGP: shown with its key id, not verified (no keyring).</summary>
    NotVerified,

    /// <summary>The message is larger than <see cref="SignatureOptions.MaxSignedMessageBytes"/>: not fetched, not checked.</summary>
    TooLarge,
}

/// <summary>Why a signer whose signature verifies is not trusted.</summary>
public enum UntrustedReason
{
    None,

    /// <summary>The certificate is its own issuer: anyone can make one.</summary>
    SelfSigned,

    /// <summary>The certificate does not lead to a root this server trusts.</summary>
    UntrustedIssuer,

    /// <summary>The certificate was not valid (expired or not yet valid) when the message was signed.</summary>
    NotValidWhenSigned,

    /// <summary>The certificate was issued to another address than the message's From.</summary>
    EmailMismatch,
}

/// <summary>The signer's certificate, for the reader's "View certificate".</summary>
/// <param name="Sha256Fingerprint">SHA-256 of the certificate, upper-case hex pairs separated by colons.</param>
public sealed record SignerCertificate(
    string Subject,
    string Issuer,
    IReadOnlyList<string> Emails,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Sha256Fingerprint);

/// <summary>The outcome of checking one message's signature.</summary>
/// <param name="Kind">S/MIME (detached or opaque) or PGP.</param>
/// <param name="Problem">For <see cref="SignatureVerdict.Invalid"/>: a sentence saying what failed.</param>
public sealed record SignatureStatus(SignatureKind Kind, SignatureVerdict Verdict, string? Problem = null)
{
    /// <summary>For <see cref="SignatureVerdict.UnknownSigner"/>: why the signer is not trusted.</summary>
    public UntrustedReason UntrustedBecause { get; init; }

    /// <summary>The S/MIME signer's certificate (null for PGP, or when the signature carries none).</summary>
    public SignerCertificate? Certificate { get; init; }

    /// <summary>The certificate's validity ended before now (it may still have been valid when the message was signed).</summary>
    public bool CertificateExpired { get; init; }

    /// <summary>When the signer says the message was signed (absent from some signatures).</summary>
    public DateTimeOffset? SignedAt { get; init; }

    /// <summary>PGP: the signing key's id, 16 upper-case hex digits.</summary>
    public string? PgpKeyId { get; init; }

    /// <summary>PGP: the issuer fingerprint from the signature packet, when it carries one (groups of four hex digits).</summary>
    public string? PgpFingerprint { get; init; }

    /// <summary>The address the signer is shown by: the certificate's address matching From, else its first one.</summary>
    public string? SignerEmail { get; init; }
}
