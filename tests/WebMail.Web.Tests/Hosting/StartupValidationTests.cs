using System.Diagnostics;

namespace WebMail.Web.Tests.Hosting;

/// <summary>What an operator sees when appsettings.json or the environment is wrong: the real app, started as a process.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("WebMail__Imap__Host", "", "WebMail:Imap:Host is missing")]
    [InlineData("WebMail__Imap__Port", "70000", "WebMail:Imap:Port must be a TCP port between 1 and 65535.")]
    [InlineData("WebMail__Imap__TrustedCertificatePath", "/nonexistent/cert.pem", "WebMail:Imap:TrustedCertificatePath points to a file that does not exist.")]
    [InlineData("WebMail__Session__CloseAfterSeconds", "-5", "WebMail:Session:CloseAfterSeconds must be between 0 and 86400.")]
    [InlineData("WebMail__Smtp__Host", "", "WebMail:Smtp:Host is missing")]
    [InlineData("WebMail__Smtp__Security", "Sometimes", "WebMail:Smtp:Security")]
    public async Task Start_MisconfiguredSetting_ExitsWithSentenceNamingIt(string variable, string value, string expected)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = AppContext.BaseDirectory };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WebMail.Web.dll"));
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["WebMail__Imap__Host"] = "imap.example.test";
        psi.Environment["WebMail__Smtp__Host"] = "smtp.example.test";
        psi.Environment["WebMail__DataDirectory"] = Directory.CreateTempSubdirectory("webmail-startup-").FullName;
        psi.Environment[variable] = value;

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
        var lastLine = (await stderr).Trim().Split('\n')[^1];
        Assert.StartsWith("WebMail cannot start: ", lastLine, StringComparison.Ordinal);
        Assert.Contains(expected, lastLine, StringComparison.Ordinal);
        _ = await stdout;
    }
}
