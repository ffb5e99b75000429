using WebMail.Testing;

namespace WebMail.Web.Tests.Hosting;

/// <summary>What an operator sees when appsettings.json or the environment is wrong: the real app, started as a process.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("WebMail__Imap__Host", "", "WebMail:Imap:Host is missing")]
    [InlineData("WebMail__Imap__Port", "70000", "WebMail:Imap:Port must be a TCP port between 1 and 65535.")]
    [InlineData("WebMail__Imap__TrustedCertificatePath", "/nonexistent/cert.pem", "WebMail:Imap:TrustedCertificatePath points to a file that does not exist.")]
    [InlineData("WebMail__Session__CloseAfterSeconds", "-5", "WebMail:Session:CloseAfterSeconds must be between 0 and 86400.")]
    [InlineData("WebMail__Folders__Root", "mail/*", "WebMail:Folders:Root must be a folder path without the IMAP wildcards * and % (for example mail/).")]
    [InlineData("WebMail__Folders__Sent", "Sent%", "WebMail:Folders:Sent must be a folder path without the IMAP wildcards * and %.")]
    [InlineData("WebMail__DataProtection__AllowUnencryptedKeys", "false", "WebMail:DataProtection:CertificatePath is not set, so the keys that protect sign-ins, tokens and cookies would be stored unencrypted.")]
    [InlineData("WebMail__DataProtection__CertificatePath", "/nonexistent/keys.pfx", "WebMail:DataProtection:CertificatePath could not be read as a certificate with its private key")]
    [InlineData("WebMail__Smtp__Host", "", "WebMail:Smtp:Host is missing")]
    [InlineData("WebMail__Smtp__Security", "Sometimes", "WebMail:Smtp:Security")]
    [InlineData("WebMail__Identities__AllowedAddresses__*@example.test__0", "{user}@example.test", "WebMail:Identities:AllowedAddresses:*@example.test has \"{user}@example.test\", which is not an address pattern")]
    [InlineData("WebMail__Identities__AllowedAddresses__example.test__0", "{local}@example.test", "WebMail:Identities:AllowedAddresses has the key \"example.test\"")]
    [InlineData("WebMail__Sieve__Port", "0", "WebMail:Sieve:Port must be a TCP port between 1 and 65535.")]
    [InlineData("WebMail__Sieve__ScriptName", "\t", "WebMail:Sieve:ScriptName must be a name of 1 to 100 characters")]
    [InlineData("WebMail__Reading__TrustedAuthServId", "mx.example.com; spf=pass", "WebMail:Reading:TrustedAuthServId must be the authserv-id your mail server writes")]
    public async Task Start_MisconfiguredSetting_ExitsWithSentenceNamingIt(string variable, string value, string expected)
    {
        var (exitCode, lastLine) = await RunWebMailAsync(new() { [variable] = value });

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith("WebMail cannot start: ", lastLine, StringComparison.Ordinal);
        Assert.Contains(expected, lastLine, StringComparison.Ordinal);
    }

    /// <summary>The real app in Production with a valid base configuration, <paramref name="overrides"/> applied.</summary>
    internal static Task<(int ExitCode, string LastErrorLine)> RunWebMailAsync(Dictionary<string, string> overrides)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["WebMail__Imap__Host"] = "imap.example.test",
            ["WebMail__Smtp__Host"] = "smtp.example.test",
            ["WebMail__DataDirectory"] = Directory.CreateTempSubdirectory("webmail-startup-").FullName,
            ["WebMail__DataProtection__AllowUnencryptedKeys"] = "true",
        };
        foreach (var (key, value) in overrides)
        {
            environment[key] = value;
        }

        return AppProcess.RunToExitAsync("WebMail.Web.dll", environment);
    }
}
