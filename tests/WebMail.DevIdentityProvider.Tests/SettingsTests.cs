using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.DevIdentityProvider.Tests;

/// <summary>What a developer sees when a setting is wrong: the real provider, started as a process.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("DevIdentityProvider__SigningKeyPath", "", "DevIdentityProvider:SigningKeyPath is required")]
    [InlineData("DevIdentityProvider__SigningKeyPath", "/nonexistent/signing-key.pem", "DevIdentityProvider:SigningKeyPath is '/nonexistent/signing-key.pem', which does not exist")]
    [InlineData("DevIdentityProvider__Issuer", "/relative", "DevIdentityProvider:Issuer must be an absolute http(s) URL")]
    [InlineData("DevIdentityProvider__AccessTokenLifetimeSeconds", "0", "DevIdentityProvider:AccessTokenLifetimeSeconds must be between 1 and 86400 seconds.")]
    public async Task Start_MisconfiguredSetting_ExitsWithSentenceNamingIt(string variable, string value, string expected)
    {
        var (exitCode, lastLine) = await AppProcess.RunToExitAsync("WebMail.DevIdentityProvider.dll", new Dictionary<string, string>
        {
            ["DevIdentityProvider__SigningKeyPath"] = DevIdentityProviderHost.SigningKeyPath,
            [variable] = value,
        });

        Assert.Equal(1, exitCode);
        Assert.StartsWith("The dev identity provider cannot start: ", lastLine, StringComparison.Ordinal);
        Assert.Contains(expected, lastLine, StringComparison.Ordinal);
    }
}
