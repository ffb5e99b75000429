using WebMail.Mail.Signatures;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Signatures;

public sealed class TrustedRootsTests
{
    [Fact]
    public void Validate_RootsPathMissing_FailsNamingTheSetting()
    {
        var result = new SignatureOptionsValidator().Validate(null, new SignatureOptions { TrustedRootsPath = "/nonexistent/company-ca.pem" });

        Assert.True(result.Failed);
        Assert.Contains("WebMail:Signatures:TrustedRootsPath '/nonexistent/company-ca.pem' is neither a file nor a folder.", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FileWithoutCertificate_FailsNamingTheSettingAndFile()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("webmail-roots-").FullName, "notes.pem");
        File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");

        var result = new SignatureOptionsValidator().Validate(null, new SignatureOptions { TrustedRootsPath = path });

        Assert.True(result.Failed);
        Assert.Contains($"WebMail:Signatures:TrustedRootsPath '{path}' holds no certificate", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FolderOfRootsBesideSystemBundle_AllTrusted()
    {
        using var first = new TestCertificateAuthority("First CA");
        using var second = new TestCertificateAuthority("Second CA");
        var folder = Directory.CreateTempSubdirectory("webmail-roots-").FullName;
        File.Copy(first.WriteRootPem(), Path.Combine(folder, "first.pem"));
        File.WriteAllBytes(Path.Combine(folder, "second.cer"), second.Root.RawData);
        File.WriteAllText(Path.Combine(folder, "README.txt"), "not a certificate, not read");

        var system = TrustedRoots.Load(new SignatureOptions());
        var both = TrustedRoots.Load(new SignatureOptions { TrustedRootsPath = folder });

        Assert.True(system.Count > 50, $"Debian's bundle gave {system.Count} roots");
        Assert.Equal(system.Count + 2, both.Count);
        Assert.True(new SignatureOptionsValidator().Validate(null, new SignatureOptions { TrustedRootsPath = folder }).Succeeded);
    }

    [Fact]
    public void Load_SystemBundleMissing_ToldAndLeftOut()
    {
        string? missing = null;

        var roots = TrustedRoots.Load(new SignatureOptions { SystemRootsPath = "/nonexistent/ca-certificates.crt" }, path => missing = path);

        Assert.Equal(0, roots.Count);
        Assert.Equal("/nonexistent/ca-certificates.crt", missing);
    }
}
