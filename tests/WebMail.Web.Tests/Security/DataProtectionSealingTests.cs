using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Testing;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Security;

/// <summary>
/// The Data Protection keys (which protect sign-ins, refresh tokens and cookies) are sealed with the configured
/// certificate in the settings database: a copy of the database alone opens nothing.
/// </summary>
public sealed class DataProtectionSealingTests
{
    [Fact]
    public async Task WithACertificate_KeysInTheDatabaseAreEncrypted_AndUnreadableWithoutIt()
    {
        var data = Directory.CreateTempSubdirectory("webmail-sealed-").FullName;
        var (certificate, key) = KeyCertificates.WriteRsaPem();
        string protectedText;
        await using (var sealedApp = new WebMailFactory()
            .With("WebMail:DataDirectory", data)
            .With("WebMail:DataProtection:CertificatePath", certificate)
            .With("WebMail:DataProtection:CertificateKeyPath", key))
        {
            var protector = sealedApp.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            protectedText = protector.Protect("refresh-token-of-alice");
            Assert.Equal("refresh-token-of-alice", protector.Unprotect(protectedText));

            using var scope = sealedApp.Services.CreateScope();
            var keys = await scope.ServiceProvider.GetRequiredService<WebMailDbContext>().DataProtectionKeys.AsNoTracking().ToListAsync();
            var xml = Assert.Single(keys).Xml!;
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml.Replace("encryptedSecret", "", StringComparison.Ordinal).Split("<encryptedSecret")[0], StringComparison.Ordinal);
        }

        // The same database without the certificate: the key cannot be opened, so neither can what it protected.
        await using var copy = new WebMailFactory().With("WebMail:DataDirectory", data);
        var stranger = copy.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.ThrowsAny<CryptographicException>(() => stranger.Unprotect(protectedText));
    }

    [Fact]
    public void LoadCertificate_NotRsa_SaysSo()
    {
        // The mail stack's own TLS certificate is an EC one: XML encryption of the keys needs RSA.
        var ex = Assert.Throws<InvalidOperationException>(() =>
            WebMail.Web.Account.DataProtectionSetup.LoadCertificate(MailStack.CertificatePath, Path.Combine(MailStack.StackDirectory, "tls", "key.pem"), null));
        Assert.Contains("must be an RSA certificate", ex.Message, StringComparison.Ordinal);
    }
}
