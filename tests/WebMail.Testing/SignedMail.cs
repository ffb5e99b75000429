using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using CmsAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using X509KeyUsageFlags = System.Security.Cryptography.X509Certificates.X509KeyUsageFlags;

namespace WebMail.Testing;

/// <summary>A certificate authority made at test time, as a company's own S/MIME CA would be.</summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public TestCertificateAuthority(string name = "WebMail Test Root CA")
    {
        var request = new CertificateRequest($"CN={name}, O=WebMail tests", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-5), DateTimeOffset.UtcNow.AddYears(5));
    }

    public X509Certificate2 Root { get; }

    /// <summary>Writes the root as a PEM file (what an operator puts in WebMail:Signatures:TrustedRootsPath); returns its path.</summary>
    public string WriteRootPem()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("webmail-smime-root-").FullName, "root.pem");
        File.WriteAllText(path, Root.ExportCertificatePem());
        return path;
    }

    /// <summary>A signing certificate for <paramref name="email"/>, with its private key, valid from now for a year unless told.</summary>
    public X509Certificate2 Issue(string email, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = SignerRequest(email, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(Root, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddYears(1), serial);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A certificate for <paramref name="email"/> that signs itself: anyone can make one.</summary>
    public static X509Certificate2 SelfSigned(string email)
    {
        using var key = RSA.Create(2048);
        return SignerRequest(email, key).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static CertificateRequest SignerRequest(string email, RSA key)
    {
        var request = new CertificateRequest($"CN={email.Split('@')[0]}, O=WebMail tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.4")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddEmailAddress(email);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    public void Dispose()
    {
        Root.Dispose();
        _key.Dispose();
    }
}

/// <summary>Signed messages made at test time: S/MIME with MimeKit, PGP/MIME with BouncyCastle.</summary>
public static class SignedMail
{
    /// <summary>A message signed (detached, multipart/signed) with <paramref name="signer"/>, at <paramref name="signedAt"/> (now by default).</summary>
    public static async Task<MimeMessage> SmimeAsync(X509Certificate2 signer, string from, string to, string subject, string text, DateTimeOffset? signedAt = null, bool opaque = false)
    {
        using var context = new TemporarySecureMimeContext();
        var cms = new CmsSigner(signer) { DigestAlgorithm = DigestAlgorithm.Sha256 };
        if (signedAt is { } when)
        {
            cms.SignedAttributes = new AttributeTable(new Asn1EncodableVector(new CmsAttribute(CmsAttributes.SigningTime, new DerSet(new Time(when.UtcDateTime)))));
        }

        var message = Envelope(from, to, subject);
        message.Body = opaque
            ? await ApplicationPkcs7Mime.SignAsync(context, cms, Content(text))
            : await MultipartSigned.CreateAsync(context, cms, Content(text));
        return message;
    }

    /// <summary>A PGP/MIME message signed with a key made now; <paramref name="keyId"/> and <paramref name="fingerprint"/> say which key.</summary>
    public static MimeMessage Pgp(string from, string to, string subject, string text, out string keyId, out string fingerprint)
    {
        var generator = new RsaKeyPairGenerator();
        generator.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), new SecureRandom(), 2048, 12));
        var pair = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, generator.GenerateKeyPair(), DateTime.UtcNow);
        keyId = pair.KeyId.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
        fingerprint = Convert.ToHexString(pair.PublicKey.GetFingerprint());

        var content = Content(text);
        using var canonical = new MemoryStream();
        content.WriteTo(new FormatOptions { NewLineFormat = NewLineFormat.Dos }, canonical);
        var signer = new PgpSignatureGenerator(PublicKeyAlgorithmTag.RsaGeneral, HashAlgorithmTag.Sha256);
        signer.InitSign(PgpSignature.BinaryDocument, pair.PrivateKey);
        var packets = new PgpSignatureSubpacketGenerator();
        packets.SetSignatureCreationTime(false, DateTime.UtcNow);
        packets.SetIssuerFingerprint(false, pair.PublicKey);
        signer.SetHashedSubpackets(packets.Generate());
        signer.Update(canonical.ToArray());

        var armored = new MemoryStream();
        using (var armor = new ArmoredOutputStream(armored))
        {
            signer.Generate().Encode(armor);
        }

        armored.Position = 0;
        var signed = new MultipartSigned();
        signed.ContentType.Parameters["protocol"] = "application/pgp-signature";
        signed.ContentType.Parameters["micalg"] = "pgp-sha256";
        signed.Add(content);
        signed.Add(new ApplicationPgpSignature(armored));
        var message = Envelope(from, to, subject);
        message.Body = signed;
        return message;
    }

    /// <summary>The message as the bytes a server stores.</summary>
    public static byte[] ToBytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    /// <summary>The message with <paramref name="find"/> in its raw bytes replaced (a body changed in transit, after signing).</summary>
    public static MimeMessage Tampered(MimeMessage message, string find, string replace)
    {
        var raw = Encoding.ASCII.GetString(ToBytes(message));
        if (!raw.Contains(find, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{find}' is not in the message.", nameof(find));
        }

        return MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw.Replace(find, replace, StringComparison.Ordinal))));
    }

    private static MimeMessage Envelope(string from, string to, string subject)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    private static TextPart Content(string text) => new("plain") { Text = text, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
}
