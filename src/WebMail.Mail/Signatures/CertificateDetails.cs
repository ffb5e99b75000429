using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace WebMail.Mail.Signatures;

/// <summary>What a person can check about a signer's certificate: names, addresses, dates, fingerprint.</summary>
internal static class CertificateDetails
{
    public static SignerCertificate Describe(BcCertificate certificate)
    {
        var der = certificate.GetEncoded();
        using var dotnet = X509CertificateLoader.LoadCertificate(der);
        return new SignerCertificate(
            dotnet.Subject,
            dotnet.Issuer,
            Emails(certificate),
            new DateTimeOffset(DateTime.SpecifyKind(certificate.NotBefore, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(certificate.NotAfter, DateTimeKind.Utc)),
            Convert.ToHexString(SHA256.HashData(der)).Chunk(2).Select(pair => new string(pair)).Aggregate((a, b) => $"{a}:{b}"));
    }

    /// <summary>The addresses the certificate was issued to: its subject alternative names (rfc822Name), then the subject's E=.</summary>
    public static IReadOnlyList<string> Emails(BcCertificate certificate)
    {
        var emails = new List<string>();
        foreach (var name in certificate.GetSubjectAlternativeNames() ?? [])
        {
            if (name.Count >= 2 && name[0] is int tag && tag == GeneralName.Rfc822Name && name[1] is string address)
            {
                emails.Add(address);
            }
        }

        emails.AddRange(certificate.SubjectDN.GetValueList(X509Name.EmailAddress));
        return [.. emails.Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Issued by itself: its issuer is its subject and its own key signed it.</summary>
    public static bool IsSelfSigned(BcCertificate certificate)
    {
        if (!certificate.IssuerDN.Equivalent(certificate.SubjectDN))
        {
            return false;
        }

        try
        {
            certificate.Verify(certificate.GetPublicKey());
            return true;
        }
        catch (Exception ex) when (ex is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return false;
        }
    }
}
