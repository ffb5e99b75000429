using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using WebMail.Web.Data;

namespace WebMail.Web.Account;

/// <summary>
/// Where the Data Protection keys live (the settings database, or <c>KeysPath</c>) and how they are sealed there:
/// encrypted with a configured certificate, so a copy of the database (or folder) alone opens no sign-in, token or
/// cookie. Unsealed keys are refused in Production unless the administrator says so.
/// </summary>
public static class DataProtectionSetup
{
    public const string SectionName = "WebMail:DataProtection";

    public static void AddWebMailDataProtection(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SectionName);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("WebMail");
        if (section["KeysPath"] is { Length: > 0 } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }
        else
        {
            dataProtection.PersistKeysToDbContext<WebMailDbContext>();
        }

        string? problem = null;
        if (section["CertificatePath"] is { Length: > 0 } certificatePath)
        {
            try
            {
                var certificate = LoadCertificate(certificatePath, section["CertificateKeyPath"], section["CertificatePassword"]);
                // Decrypting looks the certificate up in the machine's stores unless told which one: tell it.
                dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
            }
            catch (InvalidOperationException ex)
            {
                problem = ex.Message;
            }
        }
        else if (builder.Environment.IsProduction() && !section.GetValue<bool>("AllowUnencryptedKeys"))
        {
            problem = $"{SectionName}:CertificatePath is not set, so the keys that protect sign-ins, tokens and cookies would be stored unencrypted. "
                + $"Set it to a certificate with a private key (PFX, or PEM with {SectionName}:CertificateKeyPath), "
                + $"or set {SectionName}:AllowUnencryptedKeys to true to accept unencrypted keys.";
        }

        // Reported at start like every other setting ("WebMail cannot start: …"), not as a stack trace.
        builder.Services.AddOptions<SealingCheck>().Validate(_ => problem is null, problem ?? "").ValidateOnStart();
    }

    /// <summary>Carries the outcome of the sealing set-up to the start-up validation.</summary>
    internal sealed class SealingCheck;

    /// <summary>A certificate with its private key, from a PFX (with an optional password) or a PEM pair; a sentence naming the setting otherwise.</summary>
    public static X509Certificate2 LoadCertificate(string path, string? keyPath, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = Path.GetExtension(path).ToUpperInvariant() is ".PFX" or ".P12"
                ? X509CertificateLoader.LoadPkcs12FromFile(path, password)
                : X509Certificate2.CreateFromPemFile(path, string.IsNullOrEmpty(keyPath) ? path : keyPath);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{SectionName}:CertificatePath could not be read as a certificate with its private key ({ex.Message.TrimEnd('.')}). "
                + $"Use a PFX ({SectionName}:CertificatePassword if it has one) or a PEM certificate with {SectionName}:CertificateKeyPath.", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{SectionName}:CertificatePath has no private key: the keys could be sealed but never opened again.");
        }

        if (certificate.GetRSAPrivateKey() is not { } rsa)
        {
            var algorithm = certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value;
            certificate.Dispose();
            throw new InvalidOperationException($"{SectionName}:CertificatePath must be an RSA certificate (XML encryption of the keys needs RSA; this one is {algorithm}).");
        }

        rsa.Dispose();

        return certificate;
    }
}
