using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WebMail.Testing;

namespace WebMail.EndToEnd.Tests;

/// <summary>The app as an operator deploys it: `dotnet publish` output, started in Production.</summary>
/// <remarks>In the browser collection so the publish never rebuilds files the browser tests are serving.</remarks>
[Collection(BrowserCollection.Name)]
public sealed class PublishedAppTests
{
    [Fact]
    public async Task PublishedApp_Production_ServesWebRootAndSignInPage()
    {
        var output = Directory.CreateTempSubdirectory("webmail-publish-").FullName;
        try
        {
            await RunAsync("dotnet", "publish", Path.Combine(Repository.Root, "src", "WebMail.Web"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet");
            var port = FreePort();
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = output, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Combine(output, "WebMail.Web.dll"));
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            psi.Environment["WebMail__Imap__Host"] = MailStack.Host;
            psi.Environment["WebMail__Imap__Port"] = MailStack.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
            psi.Environment["WebMail__Imap__Security"] = "None";
            psi.Environment["WebMail__Smtp__Host"] = MailStack.Host;
            psi.Environment["WebMail__DataDirectory"] = Path.Combine(output, "data");
            var (keyCertificate, key) = KeyCertificates.WriteRsaPem();
            psi.Environment["WebMail__DataProtection__CertificatePath"] = keyCertificate;
            psi.Environment["WebMail__DataProtection__CertificateKeyPath"] = key;
            using var app = Process.Start(psi)!;
            _ = app.StandardOutput.ReadToEndAsync();
            _ = app.StandardError.ReadToEndAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                var login = await GetWhenUpAsync(http, "/account/login");

                Assert.Contains("Sign in", login, StringComparison.Ordinal);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/css/app.css")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/icons/inbox.svg")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/_framework/blazor.web.js")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
            }
            finally
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<string> GetWhenUpAsync(HttpClient http, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await http.GetStringAsync(path);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed: {await stdout}{await stderr}");
    }
}
