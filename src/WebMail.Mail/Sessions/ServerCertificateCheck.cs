using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace WebMail.Mail.Sessions;

/// <summary>Why a mail server's TLS certificate was refused, in the order a user can act on it.</summary>
public enum CertificateProblem
{
    /// <summary>The server sent no certificate.</summary>
    Missing,

    /// <summary>The certificate does not name the configured host.</summary>
    WrongHost,

    /// <summary>The certificate's validity period has ended.</summary>
    Expired,

    /// <summary>The certificate's validity period has not started.</summary>
    NotYetValid,

    /// <summary>The issuer revoked the certificate.</summary>
    Revoked,

    /// <summary>The certificate signed itself and is not trusted here.</summary>
    SelfSigned,

    /// <summary>The certificate's issuer is not trusted here (unknown authority or incomplete chain).</summary>
    UnknownIssuer,

    /// <summary>Any other reason the chain was refused.</summary>
    Untrusted,
}

/// <summary>
/// The certificate check of one IMAP or SMTP connection: accepts what the system trusts (as MailKit's default
/// does) or the one configured certificate, and remembers why anything else was refused, so that the failure
/// is reported as a certificate problem instead of "cannot be reached".
/// </summary>
internal sealed class ServerCertificateCheck(string? trustedThumbprint, TimeProvider time)
{
    /// <summary>Why the certificate was refused; null when it was accepted or never seen.</summary>
    public CertificateProblem? Problem { get; private set; }

    /// <summary>For the log (never for users): policy errors, chain status, subject, thumbprint and validity.</summary>
    public string Detail { get; private set; } = "";

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is not null && trustedThumbprint is not null && string.Equals(certificate.GetCertHashString(), trustedThumbprint, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var status = chain?.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, s) => all | s.Status) ?? X509ChainStatusFlags.NoError;
        var certificate2 = certificate as X509Certificate2;
        var selfSigned = certificate2 is not null && certificate2.SubjectName.RawData.AsSpan().SequenceEqual(certificate2.IssuerName.RawData);
        Problem = Classify(errors, status, selfSigned, certificate2?.NotBefore.ToUniversalTime(), certificate2?.NotAfter.ToUniversalTime(), time.GetUtcNow().UtcDateTime);
        Detail = certificate2 is null
            ? $"{errors}; chain {status}"
            : $"{errors}; chain {status}; subject {certificate2.Subject}; issuer {certificate2.Issuer}; thumbprint {certificate2.Thumbprint}; valid {certificate2.NotBefore.ToUniversalTime():u} to {certificate2.NotAfter.ToUniversalTime():u}";
        return false;
    }

    /// <summary>The problem a user can act on first, from what TLS validation reported.</summary>
    public static CertificateProblem Classify(SslPolicyErrors errors, X509ChainStatusFlags status, bool selfSigned, DateTime? notBeforeUtc, DateTime? notAfterUtc, DateTime nowUtc)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return CertificateProblem.Missing;
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return CertificateProblem.WrongHost;
        }

        if (status.HasFlag(X509ChainStatusFlags.NotTimeValid) || notAfterUtc < nowUtc || notBeforeUtc > nowUtc)
        {
            return notBeforeUtc > nowUtc ? CertificateProblem.NotYetValid : CertificateProblem.Expired;
        }

        if (status.HasFlag(X509ChainStatusFlags.Revoked))
        {
            return CertificateProblem.Revoked;
        }

        if ((status & (X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0)
        {
            return selfSigned ? CertificateProblem.SelfSigned : CertificateProblem.UnknownIssuer;
        }

        return CertificateProblem.Untrusted;
    }

    /// <summary>The sentence a user reads, for "the mail server" or "the outgoing mail server".</summary>
    public static string Describe(CertificateProblem problem, string server) => problem switch
    {
        CertificateProblem.Missing => $"The {server} sent no certificate, so the connection is not secure.",
        CertificateProblem.WrongHost => $"The {server}'s certificate is for another host name.",
        CertificateProblem.Expired => $"The {server}'s certificate has expired.",
        CertificateProblem.NotYetValid => $"The {server}'s certificate is not valid yet.",
        CertificateProblem.Revoked => $"The {server}'s certificate has been revoked.",
        CertificateProblem.SelfSigned => $"The {server}'s certificate is not trusted: self-signed.",
        CertificateProblem.UnknownIssuer => $"The {server}'s certificate is not trusted: its issuer is unknown.",
        _ => $"The {server}'s certificate is not trusted.",
    };
}
