using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace WebMail.DevIdentityProvider;

/// <summary>Settings of the dev identity provider (section <c>DevIdentityProvider</c>; README.md lists them).</summary>
public sealed class DevIdentityProviderOptions
{
    public const string Section = "DevIdentityProvider";

    /// <summary>
    /// The issuer URL (<c>iss</c>, discovery). Empty: taken from each request's scheme and host, which is how the
    /// test host runs on a random port. Default <c>http://127.0.0.1:5081/</c>.
    /// </summary>
    public string? Issuer { get; set; } = DevTokenFormat.DefaultIssuer;

    /// <summary>Path of the RSA private key (PKCS#8 or PKCS#1 PEM) that signs tokens: the mail stack's <c>oauth2/signing-key.pem</c>. Required.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "DevIdentityProvider:SigningKeyPath is required: set it to the mail stack's signing key (WEBMAIL_IDP_SIGNING_KEY from deploy/mailstack/mailstack.sh env).")]
    public string SigningKeyPath { get; set; } = "";

    /// <summary>Access token lifetime in seconds. Default 300.</summary>
    [Range(1, 86400, ErrorMessage = "DevIdentityProvider:AccessTokenLifetimeSeconds must be between 1 and 86400 seconds.")]
    public int AccessTokenLifetimeSeconds { get; set; } = 300;

    /// <summary>Refresh token lifetime in seconds. Default 14 days.</summary>
    [Range(60, 31536000, ErrorMessage = "DevIdentityProvider:RefreshTokenLifetimeSeconds must be between 60 seconds and one year.")]
    public int RefreshTokenLifetimeSeconds { get; set; } = 14 * 24 * 3600;

    /// <summary>The one client's id. Default <c>webmail</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "DevIdentityProvider:ClientId must not be empty.")]
    public string ClientId { get; set; } = "webmail";

    /// <summary>The one client's secret. Default <c>webmail-dev-secret</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "DevIdentityProvider:ClientSecret must not be empty.")]
    public string ClientSecret { get; set; } = "webmail-dev-secret";

    /// <summary>The issuer as a URI, or null when it comes from each request.</summary>
    public Uri? IssuerUri => string.IsNullOrWhiteSpace(Issuer) ? null : new Uri(Issuer, UriKind.Absolute);
}

/// <summary>Checks what data annotations cannot: the issuer's form and that the key file exists and holds an RSA key.</summary>
internal sealed class DevIdentityProviderOptionsValidator : IValidateOptions<DevIdentityProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, DevIdentityProviderOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Issuer) &&
            (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("http" or "https") ||
             !string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment)))
        {
            failures.Add($"DevIdentityProvider:Issuer must be an absolute http(s) URL without query or fragment, such as {DevTokenFormat.DefaultIssuer} (got '{options.Issuer}'); leave it empty to take it from each request.");
        }

        if (!string.IsNullOrWhiteSpace(options.SigningKeyPath))
        {
            if (!File.Exists(options.SigningKeyPath))
            {
                failures.Add($"DevIdentityProvider:SigningKeyPath is '{options.SigningKeyPath}', which does not exist: start the mail stack (deploy/mailstack/mailstack.sh start) to create it.");
            }
            else
            {
                try
                {
                    using var rsa = SigningKey.Load(options.SigningKeyPath);
                }
                catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
                {
                    failures.Add($"DevIdentityProvider:SigningKeyPath is '{options.SigningKeyPath}', which holds no readable RSA private key in PEM form ({ex.Message}).");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Reads the stack's RSA signing key.</summary>
internal static class SigningKey
{
    public static RSA Load(string path)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            _ = rsa.ExportParameters(includePrivateParameters: true);
            return rsa;
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }
}
