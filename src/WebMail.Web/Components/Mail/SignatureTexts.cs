using System.Globalization;
using WebMail.Mail.Signatures;

namespace WebMail.Web.Components.Mail;

/// <summary>The sentences a signature check is shown with.</summary>
public static class SignatureTexts
{
    public static string Headline(SignatureStatus status) => status.Verdict switch
    {
        SignatureVerdict.Valid => $"Signed by {status.SignerEmail ?? status.Certificate?.Subject ?? "the sender"}",
        SignatureVerdict.Invalid => $"Signature invalid: {LowerFirst(status.Problem ?? "The message was changed after it was signed.").TrimEnd('.')}",
        SignatureVerdict.UnknownSigner => "Signed, but the signer is not trusted",
        SignatureVerdict.NotVerified => "Signed with PGP (not verified)",
        SignatureVerdict.TooLarge => "Signed, but too large to verify",
        _ => "Signed",
    };

    /// <summary>The second sentence: why a signer is not trusted, an expired certificate, a PGP key id; null when there is nothing to add.</summary>
    public static string? Detail(SignatureStatus status)
    {
        var parts = new List<string>();
        if (status.Verdict == SignatureVerdict.UnknownSigner)
        {
            parts.Add(status.UntrustedBecause switch
            {
                UntrustedReason.SelfSigned => "Its certificate is self-signed: anyone can make one.",
                UntrustedReason.NotValidWhenSigned => "Its certificate was not valid when the message was signed.",
                UntrustedReason.EmailMismatch => $"Its certificate was issued to {Addresses(status)}, not to the sender's address.",
                _ => "Its certificate was not issued by an authority this server trusts.",
            });
        }

        if (status.CertificateExpired && status.Certificate is { } certificate && status.Verdict != SignatureVerdict.Invalid)
        {
            parts.Add($"The certificate expired on {certificate.NotAfter.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.");
        }

        if (status.Verdict == SignatureVerdict.NotVerified && status.PgpKeyId is { } keyId)
        {
            parts.Add(status.PgpFingerprint is { } fingerprint ? $"Key ID {keyId}, fingerprint {fingerprint}." : $"Key ID {keyId}.");
        }

        if (status.Verdict == SignatureVerdict.TooLarge)
        {
            parts.Add("The message is too large to fetch for checking its signature.");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    public static string CssClass(SignatureStatus status) => status.Verdict switch
    {
        SignatureVerdict.Valid => "signature-valid",
        SignatureVerdict.Invalid => "signature-invalid",
        _ => "signature-unknown",
    };

    private static string Addresses(SignatureStatus status) =>
        status.Certificate is { Emails.Count: > 0 } c ? string.Join(", ", c.Emails) : "no address";

    private static string LowerFirst(string sentence) =>
        sentence.Length == 0 ? sentence : char.ToLowerInvariant(sentence[0]) + sentence[1..];
}
