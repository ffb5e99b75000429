using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Imap;
using MailKit.Security;
using WebMail.Testing;

namespace WebMail.Benchmarks;

/// <summary>Percentiles and the "WebMail vs baseline in the same run" table the benchmarks print.</summary>
internal static class Measurements
{
    /// <summary>Nearest-rank percentile (<paramref name="q"/> in 0..1).</summary>
    public static double P(IReadOnlyCollection<double> values, double q) =>
        values.Order().ElementAt((int)Math.Clamp(Math.Ceiling(q * values.Count) - 1, 0, values.Count - 1));

    /// <summary>Prints p50/p95/max of both paths and the ratio of medians against <paramref name="target"/>.</summary>
    public static void Report(string title, string webPath, IReadOnlyCollection<double> web, string basePath, IReadOnlyCollection<double> baseline, double target, params (string Path, IReadOnlyCollection<double> Values)[] extra)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"{title} ({web.Count} runs each, alternating)");
        Console.WriteLine("| path | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (path, values) in new[] { (webPath, web), (basePath, baseline) }.Concat(extra))
        {
            Console.WriteLine(string.Format(inv, "| {0} | {1:0.0} | {2:0.0} | {3:0.0} |", path, P(values, .5), P(values, .95), values.Max()));
        }

        var ratio = P(web, .5) / P(baseline, .5);
        Console.WriteLine(string.Format(inv, "ratio of medians (WebMail / baseline): {0:0.00}x (target ≤ {1:0.#}x) {2}", ratio, target, ratio <= target ? "MET" : "MISSED"));
    }

    /// <summary>A MailKit client on the same transport as the app (STARTTLS, trusting the stack's own certificate), not yet connected.</summary>
    public static ImapClient NewStartTlsClient()
    {
        var client = new ImapClient();
        using var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(MailStack.CertificatePath));
        var thumbprint = trusted.GetCertHashString();
        client.ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint;
        return client;
    }

    public static async Task<ImapClient> ConnectStartTlsAsync(string user)
    {
        var client = NewStartTlsClient();
        await client.ConnectAsync(MailStack.Host, MailStack.ImapPort, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync(user, MailStack.TestPassword);
        return client;
    }
}
