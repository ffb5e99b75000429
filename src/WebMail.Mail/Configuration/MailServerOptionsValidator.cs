using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace WebMail.Mail.Configuration;

/// <summary>Checks a mail server's settings at start and names the setting in every failure.</summary>
public sealed class MailServerOptionsValidator<TOptions>(string section, string kind) : IValidateOptions<TOptions>
    where TOptions : MailServerOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
        {
            failures.Add($"{section}:Host is missing: set it to the host name of your {kind} server (for example {kind.ToLowerInvariant()}.example.com).");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"{section}:Port must be a TCP port between 1 and 65535.");
        }

        if (options.TimeoutSeconds is < 1 or > 600)
        {
            failures.Add($"{section}:TimeoutSeconds must be between 1 and 600.");
        }

        if (!string.IsNullOrWhiteSpace(options.TrustedCertificatePath))
        {
            if (!File.Exists(options.TrustedCertificatePath))
            {
                failures.Add($"{section}:TrustedCertificatePath points to a file that does not exist.");
            }
            else if (!IsPemCertificate(options.TrustedCertificatePath))
            {
                failures.Add($"{section}:TrustedCertificatePath must be a PEM certificate (-----BEGIN CERTIFICATE-----).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsPemCertificate(string path)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
