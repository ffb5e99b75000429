using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace WebMail.Testing;

/// <summary>Certificates for sealing the app's Data Protection keys, as an operator would make one (RSA, with its private key).</summary>
public static class KeyCertificates
{
    /// <summary>Writes a new self-signed RSA certificate and its key as PEM files into a new folder; returns their paths.</summary>
    public static (string CertificatePath, string KeyPath) WriteRsaPem()
    {
        var folder = Directory.CreateTempSubdirectory("webmail-keycert-").FullName;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=WebMail key encryption (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var (certificatePath, keyPath) = (Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
