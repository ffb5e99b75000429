using System.Globalization;
using Microsoft.Extensions.Localization;
using WebMail.Mail.Signatures;

namespace WebMail.Web.Components.Mail;

/// <summary>The sentences a signature check is shown with, in the user's language.</summary>
public static class SignatureTexts
{
    public static string Headline(SignatureStatus status, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(l);
        return status.Verdict switch
        {
            SignatureVerdict.Valid => l["Signed by {0}", status.SignerEmail ?? status.Certificate?.Subject ?? l["the sender"]],
            SignatureVerdict.Invalid => l["Signature invalid: {0}", LowerFirst(status.Problem ?? l["The message was changed after it was signed."]).TrimEnd('.')],
            SignatureVerdict.UnknownSigner => l["Signed, but the signer is not trusted"],
            SignatureVerdict.NotVerified => l["Signed with PGP (not verified)"],
            SignatureVerdict.TooLarge => l["Signed, but too large to verify"],
            _ => l["Signed"],
        };
    }

    /// <summary>The second sentence: why a signer is not trusted, an expired certificate, a PGP key id; null when there is nothing to add.</summary>
    public static string? Detail(SignatureStatus status, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(l);
        var parts = new List<string>();
        if (status.Verdict == SignatureVerdict.UnknownSigner)
        {
            parts.Add(status.UntrustedBecause switch
            {
                UntrustedReason.SelfSigned => l["Its certificate is self-signed: anyone can make one."],
                UntrustedReason.NotValidWhenSigned => l["Its certificate was not valid when the message was signed."],
                UntrustedReason.EmailMismatch => l["Its certificate was issued to {0}, not to the sender's address.", Addresses(status, l)],
                _ => l["Its certificate was not issued by an authority this server trusts."],
            });
        }

        if (status.CertificateExpired && status.Certificate is { } certificate && status.Verdict != SignatureVerdict.Invalid)
        {
            parts.Add(l["The certificate expired on {0}.", Dates.Day(certificate.NotAfter)]);
        }

        if (status.Verdict == SignatureVerdict.NotVerified && status.PgpKeyId is { } keyId)
        {
            parts.Add(status.PgpFingerprint is { } fingerprint ? l["Key ID {0}, fingerprint {1}.", keyId, fingerprint] : l["Key ID {0}.", keyId]);
        }

        if (status.Verdict == SignatureVerdict.TooLarge)
        {
            parts.Add(l["The message is too large to fetch for checking its signature."]);
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    public static string CssClass(SignatureStatus status) => status.Verdict switch
    {
        SignatureVerdict.Valid => "signature-valid",
        SignatureVerdict.Invalid => "signature-invalid",
        _ => "signature-unknown",
    };

    private static string Addresses(SignatureStatus status, IStringLocalizer l) =>
        status.Certificate is { Emails.Count: > 0 } c ? string.Join(", ", c.Emails) : l["no address"];

    private static string LowerFirst(string sentence) =>
        sentence.Length == 0 ? sentence : char.ToLower(sentence[0], CultureInfo.CurrentCulture) + sentence[1..];
}
