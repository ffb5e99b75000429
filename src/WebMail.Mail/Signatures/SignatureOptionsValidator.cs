using Microsoft.Extensions.Options;

namespace WebMail.Mail.Signatures;

/// <summary>Checks at start that the operator's extra roots can be read, and names the setting when they cannot.</summary>
public sealed class SignatureOptionsValidator : IValidateOptions<SignatureOptions>
{
    public ValidateOptionsResult Validate(string? name, SignatureOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TrustedRootsPath))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            TrustedRoots.ReadExtra(options.TrustedRootsPath);
            return ValidateOptionsResult.Success;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail(ex is InvalidDataException ? ex.Message : $"WebMail:Signatures:TrustedRootsPath '{options.TrustedRootsPath}' cannot be read: {ex.Message}");
        }
    }
}
