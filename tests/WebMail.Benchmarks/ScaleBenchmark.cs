using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>
/// Many users at once: N users, each signed in with one open tab (a real Blazor circuit in Chromium, so the
/// push path is exactly the product's), mail delivered to random users; reports push latency and the app's
/// managed memory per connected user (measured before and after the users connect, in the same process).
/// </summary>
public static class ScaleBenchmark
{
    public static async Task<int> RunAsync(int users, int messages)
    {
        var secret = Environment.GetEnvironmentVariable("WEBMAIL_PUSH_SECRET");
        var pushPort = int.TryParse(Environment.GetEnvironmentVariable("WEBMAIL_PUSH_PORT"), out var p) ? p : 0;
        await using var app = string.IsNullOrEmpty(secret) || pushPort == 0
            ? new KestrelWebMailFactory()
            : new KestrelWebMailFactory(port: pushPort).With("WebMail:PushNotifications:Secret", secret);
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--renderer-process-limit=8", "--disable-renderer-backgrounding", "--disable-background-timer-throttling"],
        });

        var before = ManagedMemory();
        var tabs = new List<(string User, IPage Page)>();
        var signIn = Stopwatch.StartNew();
        for (var i = 0; i < users; i++)
        {
            var user = MailStack.NewUser($"scale{i:D3}");
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new ViewportSize { Width = 900, Height = 500 } });
            var page = await context.NewPageAsync();
            await UserActions.SignInAsync(page, user);
            await RowArrivals.WatchAsync(page);
            tabs.Add((user, page));
        }

        var after = ManagedMemory();
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} users signed in, one tab each, in {1:0} s", users, signIn.Elapsed.TotalSeconds));

        var random = new Random(42);
        var latencies = new List<double>();
        for (var i = 1; i <= messages; i++)
        {
            var (user, page) = tabs[random.Next(tabs.Count)];
            var subject = string.Create(CultureInfo.InvariantCulture, $"Scale {i:D3}");
            var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Scale probe." } };
            message.From.Add(new MailboxAddress("Probe", "probe@example.org"));
            await MailStack.DeliverAsync(message, user);
            var sent = (double)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var wait = Stopwatch.StartNew();
            double? seen = null;
            while (seen is null && wait.Elapsed < TimeSpan.FromSeconds(30))
            {
                seen = await RowArrivals.SeenAtAsync(page, subject);
                if (seen is null)
                {
                    await Task.Delay(5);
                }
            }

            latencies.Add((seen ?? throw new InvalidOperationException($"{subject} never reached {user}'s tab")) - sent);
        }

        static double P(List<double> v, double q) => v.Order().ElementAt((int)Math.Min(v.Count - 1, Math.Ceiling(q * v.Count) - 1));
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"Scale: {users} users with one open tab each, {messages} messages to random users ({(string.IsNullOrEmpty(secret) ? "IDLE alone" : "with push_notification events")})");
        Console.WriteLine(string.Format(inv, "push latency SMTP end → row in that user's tab: p50 {0:0} ms, p95 {1:0} ms, max {2:0} ms", P(latencies, .5), P(latencies, .95), latencies.Max()));
        Console.WriteLine(string.Format(inv, "app managed memory: {0:0} MB before, {1:0} MB with {2} users → {3:0.00} MB per connected user (circuit + IMAP session)",
            before / 1048576.0, after / 1048576.0, users, (after - before) / 1048576.0 / users));
        return 0;
    }

    private static long ManagedMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
