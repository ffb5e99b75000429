using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WebMail.Testing;

namespace WebMail.Benchmarks;

/// <summary>The built app (src/WebMail.Web/bin/Release) as its own process, as a server runs it (server GC, nothing forced).</summary>
internal static class AppServer
{
    /// <summary>Starts the app on <paramref name="port"/> (0: a free one) against the local mail stack, in Development so its static assets come from the build output.</summary>
    public static Process Start((string Key, string Value)[] settings, out string baseAddress, int port = 0)
    {
        var web = Path.Combine(Repository.Root, "src", "WebMail.Web");
        var dll = Path.Combine(web, "bin", "Release", "net10.0", "WebMail.Web.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build the solution in Release first.");
        }

        if (port == 0)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        baseAddress = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = web, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["ASPNETCORE_URLS"] = baseAddress;
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["WebMail__DataDirectory"] = Directory.CreateTempSubdirectory("webmail-bench-").FullName;
        psi.Environment["WebMail__Imap__Host"] = MailStack.Host;
        psi.Environment["WebMail__Imap__Port"] = MailStack.ImapPort.ToString(CultureInfo.InvariantCulture);
        psi.Environment["WebMail__Imap__Security"] = "StartTls";
        psi.Environment["WebMail__Imap__TrustedCertificatePath"] = MailStack.CertificatePath;
        psi.Environment["WebMail__Smtp__Host"] = MailStack.Host;
        psi.Environment["WebMail__Smtp__Port"] = MailStack.SubmissionPort.ToString(CultureInfo.InvariantCulture);
        psi.Environment["WebMail__Smtp__TrustedCertificatePath"] = MailStack.CertificatePath;
        foreach (var (key, value) in settings)
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("the app did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 })
            {
                Console.Error.WriteLine("app: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until <c>/healthz</c> answers (a minute at most).</summary>
    public static async Task WaitUntilUpAsync(string baseAddress)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseAddress) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                (await http.GetAsync("/healthz")).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(200);
            }
        }
    }

    /// <summary>A kB value from /proc/PID/status (VmRSS: resident now; VmHWM: the peak).</summary>
    public static long Status(int pid, string field) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
