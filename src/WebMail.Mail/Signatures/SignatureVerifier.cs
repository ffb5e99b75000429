using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Cms;
using WebMail.Mail.Model;

namespace WebMail.Mail.Signatures;

/// <summary>
/// Checks a signed entity: S/MIME with MimeKit against <see cref="TrustedRoots"/> (no network: no revocation lists, no
/// certificate downloads), PGP/MIME only read (key id and fingerprint), for there is no keyring to check it against.
/// One per application; every check uses a context of its own.
/// </summary>
public sealed partial class SignatureVerifier(TrustedRoots roots, SignatureOptions options, TimeProvider time, ILogger<SignatureVerifier> logger)
{
    /// <summary>Largest signed message fetched to check its signature.</summary>
    public long MaxSignedMessageBytes => options.MaxSignedMessageBytes;

    /// <summary>Checks the signature of <paramref name="entity"/> (a <c>multipart/signed</c> or an opaque <c>application/pkcs7-mime</c>) sent by <paramref name="from"/>.</summary>
    public async Task<SignatureStatus> VerifyAsync(MimeEntity entity, SignatureKind kind, MailAddress? from, CancellationToken cancellationToken = default)
    {
        if (kind == SignatureKind.OpenPgp)
        {
            return OpenPgpSignatureReader.Read(entity);
        }

        DigitalSignatureCollection signatures;
        try
        {
            using var context = new PinnedSecureMimeContext(roots);
            signatures = entity switch
            {
                MultipartSigned signed => await signed.VerifyAsync(context, cancellationToken).ConfigureAwait(false),
                ApplicationPkcs7Mime opaque => opaque.Verify(context, out _, cancellationToken),
                _ => throw new FormatException("The signed part is not one S/MIME knows."),
            };
        }
        catch (Exception ex) when (ex is FormatException or NotSupportedException or CmsException or IOException or ArgumentException or InvalidCastException)
        {
            LogUnreadable(logger, ex.GetType().Name);
            return new SignatureStatus(kind, SignatureVerdict.Invalid, "The signature could not be read; it may be damaged.");
        }

        if (signatures.Count == 0 || signatures[0] is not SecureMimeDigitalSignature signature)
        {
            return new SignatureStatus(kind, SignatureVerdict.Invalid, "The message says it is signed, but it carries no signature.");
        }

        return Judge(kind, signature, from);
    }

    private SignatureStatus Judge(SignatureKind kind, SecureMimeDigitalSignature signature, MailAddress? from)
    {
        if (signature.SignerCertificate is not SecureMimeDigitalCertificate signer)
        {
            return new SignatureStatus(kind, SignatureVerdict.Invalid, "The signature does not include the signer's certificate, so it cannot be checked.");
        }

        var certificate = signer.Certificate;
        var signedAt = signature.CreationDate == default ? (DateTimeOffset?)null : new DateTimeOffset(DateTime.SpecifyKind(signature.CreationDate, DateTimeKind.Utc));
        var details = CertificateDetails.Describe(certificate);
        var status = new SignatureStatus(kind, SignatureVerdict.Valid)
        {
            Certificate = details,
            SignedAt = signedAt,
            CertificateExpired = details.NotAfter < time.GetUtcNow(),
            SignerEmail = details.Emails.FirstOrDefault(e => Matches(e, from)) ?? details.Emails.FirstOrDefault(),
        };

        var validWhenSigned = true;
        try
        {
            if (!signature.Verify(verifySignatureOnly: true))
            {
                return status with { Verdict = SignatureVerdict.Invalid, Problem = "The message was changed after it was signed." };
            }
        }
        catch (DigitalSignatureVerifyException ex) when (ex.InnerException is CmsVerifierCertificateNotValidException)
        {
            // BouncyCastle refuses a certificate that was not valid at the signing time before it looks at the signature: check the signature alone.
            validWhenSigned = false;
            if (!signature.SignerInfo.Verify(certificate.GetPublicKey()))
            {
                return status with { Verdict = SignatureVerdict.Invalid, Problem = "The message was changed after it was signed." };
            }
        }
        catch (DigitalSignatureVerifyException ex)
        {
            LogNotVerified(logger, ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            return status with { Verdict = SignatureVerdict.Invalid, Problem = "The message was changed after it was signed." };
        }

        UntrustedReason reason = (signature.ChainException, validWhenSigned) switch
        {
            (_, false) => UntrustedReason.NotValidWhenSigned,
            (not null, _) when CertificateDetails.IsSelfSigned(certificate) => UntrustedReason.SelfSigned,
            (not null, _) => UntrustedReason.UntrustedIssuer,
            _ when !details.Emails.Any(e => Matches(e, from)) => UntrustedReason.EmailMismatch,
            _ => UntrustedReason.None,
        };
        return reason == UntrustedReason.None ? status : status with { Verdict = SignatureVerdict.UnknownSigner, UntrustedBecause = reason };
    }

    private static bool Matches(string email, MailAddress? from) =>
        from is not null && string.Equals(email.Trim(), from.Address.Trim(), StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Information, Message = "An S/MIME signature could not be read ({Error}).")]
    private static partial void LogUnreadable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "An S/MIME signature did not verify ({Error}).")]
    private static partial void LogNotVerified(ILogger logger, string error);
}
