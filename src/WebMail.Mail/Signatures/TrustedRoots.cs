using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Pkix;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;
using X509CertificateParser = Org.BouncyCastle.X509.X509CertificateParser;

namespace WebMail.Mail.Signatures;

/// <summary>The roots an S/MIME signer's certificate must lead to: the system's bundle plus the operator's own.</summary>
public sealed class TrustedRoots
{
    private static readonly string[] CertificateExtensions = [".pem", ".crt", ".cer", ".der"];

    private TrustedRoots(IReadOnlyList<X509Certificate> certificates)
    {
        Certificates = certificates;
        Anchors = certificates.Select(c => new TrustAnchor(c, null)).ToHashSet();
    }

    /// <summary>Number of trusted roots.</summary>
    public int Count => Certificates.Count;

    internal IReadOnlyList<X509Certificate> Certificates { get; }

    /// <summary>The same roots as BouncyCastle's PKIX path builder takes them (read only; shared by every check).</summary>
    internal ISet<TrustAnchor> Anchors { get; }

    /// <summary>Reads the roots <paramref name="options"/> names; <paramref name="missingSystemBundle"/> is told when the system bundle is not there.</summary>
    public static TrustedRoots Load(SignatureOptions options, Action<string>? missingSystemBundle = null)
    {
        var roots = new List<X509Certificate>();
        if (!string.IsNullOrWhiteSpace(options.SystemRootsPath))
        {
            if (File.Exists(options.SystemRootsPath))
            {
                roots.AddRange(ReadFile(options.SystemRootsPath));
            }
            else
            {
                missingSystemBundle?.Invoke(options.SystemRootsPath);
            }
        }

        if (!string.IsNullOrWhiteSpace(options.TrustedRootsPath))
        {
            roots.AddRange(ReadExtra(options.TrustedRootsPath));
        }

        return new TrustedRoots(roots);
    }

    /// <summary>The operator's roots at <paramref name="path"/> (a file or a folder); a sentence when they cannot be used.</summary>
    internal static IReadOnlyList<X509Certificate> ReadExtra(string path)
    {
        IEnumerable<string> files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => CertificateExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
            : File.Exists(path) ? [path] : throw new InvalidDataException($"WebMail:Signatures:TrustedRootsPath '{path}' is neither a file nor a folder.");
        var found = files.SelectMany(ReadFile).ToList();
        return found.Count > 0 ? found : throw new InvalidDataException($"WebMail:Signatures:TrustedRootsPath '{path}' holds no certificate (PEM or DER, .pem/.crt/.cer/.der).");
    }

    private static IEnumerable<X509Certificate> ReadFile(string file)
    {
        var parser = new X509CertificateParser();
        var bytes = File.ReadAllBytes(file);
        try
        {
            if (System.Text.Encoding.ASCII.GetString(bytes).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                var collection = new X509Certificate2Collection();
                collection.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
                return [.. collection.Select(c => parser.ReadCertificate(c.RawData))];
            }

            return [parser.ReadCertificate(bytes) ?? throw new InvalidDataException($"The certificate file '{file}' holds no certificate.")];
        }
        catch (Exception ex) when (ex is CryptographicException or Org.BouncyCastle.Security.Certificates.CertificateException or IOException or ArgumentException)
        {
            throw new InvalidDataException($"The certificate file '{file}' could not be read: {ex.Message}", ex);
        }
    }
}
