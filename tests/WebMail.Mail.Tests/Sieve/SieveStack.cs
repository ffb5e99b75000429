using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebMail.Mail.Configuration;
using WebMail.Mail.Sieve;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sieve;

/// <summary>The local stack's ManageSieve (Pigeonhole) and dev tokens signed with the stack's identity provider key.</summary>
internal static class SieveStack
{
    public static int Port => MailStack.ManageSievePort;

    public static SieveOptions Options(MailSecurity security = MailSecurity.StartTls, int port = 0, int timeoutSeconds = 10) => new()
    {
        Host = MailStack.Host,
        Port = port == 0 ? Port : port,
        Security = security,
        TrustedCertificatePath = MailStack.CertificatePath,
        TimeoutSeconds = timeoutSeconds,
    };

    /// <summary>An access token shaped like the dev identity provider's (RS256, kid webmail-dev, aud webmail-mail, email claim).</summary>
    public static string DevToken(string email)
    {
        var keyPath = Environment.GetEnvironmentVariable("WEBMAIL_IDP_SIGNING_KEY") is { Length: > 0 } path ? path : Path.Combine(MailStack.StackDirectory, "oauth2", "signing-key.pem");
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(keyPath));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = "webmail-dev" }));
        var payload = Encode(JsonSerializer.SerializeToUtf8Bytes(new { iss = "http://127.0.0.1/", aud = new[] { "webmail-mail" }, sub = email, email, iat = now - 5, exp = now + 300 }));
        var signature = rsa.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
