using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>
/// A team on two instances (issue 14), against one instance measured in the same run. Round 1: one WebMail process,
/// Dovecot's push straight to it. Round 2: deploy/cluster.sh — nginx (on the port Dovecot pushes to, so its push is
/// spread round robin and lands on the wrong instance about half the time) in front of two instances sharing Redis and
/// PostgreSQL. In both: N users signed in through Chromium (one tab each, a second tab for every third user), mail
/// delivered through Postfix to random users, timed from the end of SMTP to the row in every tab of that user.
/// Then memory per connected user (instance RSS before/after the users), and failover: kill -9 the instance holding
/// some users while they read or write; each tab's time until it is usable again, and whether the draft survived.
/// </summary>
public static class ClusterBenchmark
{
    public static async Task<int> RunAsync(int users)
    {
        var secret = Environment.GetEnvironmentVariable("WEBMAIL_PUSH_SECRET");
        if (string.IsNullOrEmpty(secret) || !int.TryParse(Environment.GetEnvironmentVariable("WEBMAIL_PUSH_PORT"), out var pushPort))
        {
            Console.Error.WriteLine("cluster: WEBMAIL_PUSH_SECRET/WEBMAIL_PUSH_PORT are not set (run through deploy/benchmark.sh)");
            return 2;
        }

        var messages = Math.Max(60, users * 3);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-renderer-backgrounding", "--disable-background-timer-throttling"],
        });

        // Round 1: one instance.
        List<double> single;
        (long Before, long After, int Users) singleMemory;
        var one = AppServer.Start([("WebMail__PushNotifications__Secret", secret)], out var singleUrl, pushPort);
        try
        {
            await AppServer.WaitUntilUpAsync(singleUrl);
            var before = AppServer.Status(one.Id, "VmRSS");
            await using var tabs = await ClusterTabs.OpenAsync(browser, singleUrl, users, "one");
            singleMemory = (before, AppServer.Status(one.Id, "VmRSS"), users);
            single = await PushRoundAsync(tabs, messages);
        }
        finally
        {
            one.Kill(entireProcessTree: true);
            await one.WaitForExitAsync();
        }

        // Round 2: two instances behind nginx, on the port Dovecot pushes to.
        var cluster = await ClusterScript.StartAsync(pushPort);
        try
        {
            var before = cluster.Pids.ToDictionary(p => p.Key, p => AppServer.Status(p.Value, "VmRSS"));
            await using var tabs = await ClusterTabs.OpenAsync(browser, cluster.Url, users, "two");
            var after = cluster.Pids.ToDictionary(p => p.Key, p => AppServer.Status(p.Value, "VmRSS"));
            var routed = await PushRoundAsync(tabs, messages);

            ReportPush(users, tabs.TabCount, messages, single, routed, tabs.UsersByInstance());
            ReportMemory(singleMemory, before, after, tabs.UsersByInstance());
            await ClusterFailover.RunAsync(tabs, cluster);
        }
        finally
        {
            await ClusterScript.StopAsync(pushPort);
        }

        return 0;
    }

    /// <summary>Delivers <paramref name="messages"/> to random users; each latency is SMTP end → the row in the DOM of every tab of that user (the slowest tab).</summary>
    private static async Task<List<double>> PushRoundAsync(ClusterTabs tabs, int messages)
    {
        var random = new Random(14);
        var latencies = new List<double>();
        for (var i = 1; i <= messages; i++)
        {
            var user = tabs.Users[random.Next(tabs.Users.Count)];
            var subject = string.Create(CultureInfo.InvariantCulture, $"Cluster {i:D3}");
            var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Latency probe." } };
            message.From.Add(new MailboxAddress("Probe", "probe@example.org"));
            await MailStack.DeliverAsync(message, user.Name);
            var sent = (double)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var wait = Stopwatch.StartNew();
            var seen = new double?[user.Pages.Count];
            while (seen.Any(s => s is null) && wait.Elapsed < TimeSpan.FromSeconds(30))
            {
                for (var t = 0; t < seen.Length; t++)
                {
                    seen[t] ??= await RowArrivals.SeenAtAsync(user.Pages[t], subject);
                }

                if (seen.Any(s => s is null))
                {
                    await Task.Delay(5);
                }
            }

            if (seen.Any(s => s is null))
            {
                throw new InvalidOperationException($"{subject} did not reach every tab of {user.Name} within 30 s");
            }

            latencies.Add(seen.Max(s => s!.Value) - sent);
        }

        return latencies;
    }

    private static void ReportPush(int users, int tabCount, int messages, List<double> single, List<double> routed, IReadOnlyDictionary<string, int> byInstance)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"Push through nginx with two instances vs one instance ({users} users, {tabCount} tabs, {messages} messages each round through Postfix;");
        Console.WriteLine("Dovecot's push spread round robin over both instances, so about half land on the instance without the user's session)");
        Console.WriteLine("users per instance: " + string.Join(", ", byInstance.Select(p => $"{p.Key} {p.Value}")));
        Console.WriteLine("| path | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (path, v) in new[] { ("one instance, push straight to it (baseline)", single), ("two instances behind nginx, push routed over Redis", routed) })
        {
            Console.WriteLine(string.Format(inv, "| {0} | {1:0} | {2:0} | {3:0} | {4:0} |", path, Measurements.P(v, .5), Measurements.P(v, .95), Measurements.P(v, .99), v.Max()));
        }

        foreach (var (name, q) in new[] { ("p50", .5), ("p99", .99) })
        {
            var ratio = Measurements.P(routed, q) / Measurements.P(single, q);
            Console.WriteLine(string.Format(inv, "{0} ratio (two instances / one): {1:0.00}x (target ≤ 1.5x) {2}", name, ratio, ratio <= 1.5 ? "MET" : "MISSED"));
        }
    }

    private static void ReportMemory((long Before, long After, int Users) single, Dictionary<string, long> before, Dictionary<string, long> after, IReadOnlyDictionary<string, int> byInstance)
    {
        var inv = CultureInfo.InvariantCulture;
        const double budgetMb = 1024;
        Console.WriteLine();
        Console.WriteLine("Memory per connected user (instance RSS after the users signed in and opened their inbox, minus before; a user = 1–2 tabs + one IMAP session)");
        void Line(string name, long b, long a, int n)
        {
            var perUser = n == 0 ? 0 : (a - b) / 1024.0 / n;
            var fit = perUser <= 0 ? double.NaN : (budgetMb - b / 1024.0) / perUser;
            Console.WriteLine(string.Format(inv, "{0}: {1:0} MB idle, {2:0} MB with {3} users → {4:0.0} MB per user; users in a {5:0} MB budget ≈ {6:0}", name, b / 1024.0, a / 1024.0, n, perUser, budgetMb, fit));
        }

        Line("one instance", single.Before, single.After, single.Users);
        foreach (var name in before.Keys)
        {
            Line($"cluster instance {name}", before[name], after[name], byInstance.GetValueOrDefault(name));
        }
    }
}
