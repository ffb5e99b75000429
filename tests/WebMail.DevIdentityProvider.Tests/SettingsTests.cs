using System.Diagnostics;
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
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WebMail.DevIdentityProvider.dll"));
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        psi.Environment["DevIdentityProvider__SigningKeyPath"] = DevIdentityProviderHost.SigningKeyPath;
        psi.Environment[variable] = value;

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        var lastLine = (await stderr).Trim().Split('\n')[^1];
        Assert.StartsWith("The dev identity provider cannot start: ", lastLine, StringComparison.Ordinal);
        Assert.Contains(expected, lastLine, StringComparison.Ordinal);
        _ = await stdout;
    }
}
