using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>
/// Push latency: for each message delivered through Postfix, the time from the end of the SMTP transaction
/// to the new row in the DOM of two open tabs (timed in the page on the same clock), against a plain MailKit
/// client in IDLE on the same mailbox (the baseline), measured in the same run. Two rounds: with Dovecot's
/// push_notification events reaching the app, and with IDLE alone.
/// </summary>
public static class PushLatencyBenchmark
{
    public static async Task<int> RunAsync(int messages)
    {
        var secret = Environment.GetEnvironmentVariable("WEBMAIL_PUSH_SECRET");
        var pushPort = int.TryParse(Environment.GetEnvironmentVariable("WEBMAIL_PUSH_PORT"), out var p) ? p : 0;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        if (!string.IsNullOrEmpty(secret) && pushPort > 0)
        {
            await using var fast = new KestrelWebMailFactory(port: pushPort).With("WebMail:PushNotifications:Secret", secret);
            await RoundAsync("with push_notification events", fast, browser, messages);
        }
        else
        {
            Console.WriteLine("(push_notification round skipped: WEBMAIL_PUSH_SECRET/WEBMAIL_PUSH_PORT not set by the mail stack)");
        }

        await using var idleOnly = new KestrelWebMailFactory();
        await RoundAsync("IDLE alone", idleOnly, browser, messages);
        return 0;
    }

    private static async Task RoundAsync(string title, KestrelWebMailFactory app, IBrowser browser, int messages)
    {
        app.StartServer();
        var user = MailStack.NewUser("push");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress });
        var tabs = new List<IPage>();
        for (var i = 0; i < 2; i++)
        {
            var tab = await context.NewPageAsync();
            if (i == 0)
            {
                await UserActions.SignInAsync(tab, user);
            }
            else
            {
                await tab.GotoAsync("/");
                await UserActions.WaitInteractiveAsync(tab);
            }

            await RowArrivals.WatchAsync(tab);
            tabs.Add(tab);
        }

        using var baseline = await MailStack.ConnectAsync(user);
        await baseline.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var idleSeen = new ConcurrentDictionary<int, double>();
        baseline.Inbox.CountChanged += (_, _) => idleSeen.TryAdd(baseline.Inbox.Count, Now());
        using var stopIdle = new CancellationTokenSource();
        var idle = Task.Run(async () =>
        {
            while (!stopIdle.IsCancellationRequested)
            {
                using var done = new CancellationTokenSource(TimeSpan.FromMinutes(5));
                using var link = CancellationTokenSource.CreateLinkedTokenSource(done.Token, stopIdle.Token);
                try
                {
                    await baseline.IdleAsync(link.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        var web = new List<double>();
        var raw = new List<double>();
        for (var i = 1; i <= messages; i++)
        {
            var subject = string.Create(CultureInfo.InvariantCulture, $"Push {i:D3}");
            var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Latency probe." } };
            message.From.Add(new MailboxAddress("Probe", "probe@example.org"));
            await MailStack.DeliverAsync(message, user);
            var sent = Now();
            var deadline = Stopwatch.StartNew();
            double[]? seen = null;
            while (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                var times = new List<double>();
                foreach (var tab in tabs)
                {
                    var t = await RowArrivals.SeenAtAsync(tab, subject);
                    if (t is { } value)
                    {
                        times.Add(value);
                    }
                }

                if (times.Count == tabs.Count && idleSeen.ContainsKey(i))
                {
                    seen = [.. times];
                    break;
                }

                await Task.Delay(5);
            }

            if (seen is null)
            {
                throw new InvalidOperationException($"{subject} did not reach both tabs and the IDLE client within 20 s");
            }

            web.AddRange(seen.Select(t => t - sent));
            raw.Add(idleSeen[i] - sent);
        }

        await stopIdle.CancelAsync();
        await idle;
        Report(title, messages, web, raw);
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static void Report(string title, int messages, List<double> web, List<double> raw)
    {
        static double P(List<double> v, double q) => v.Order().ElementAt((int)Math.Min(v.Count - 1, Math.Ceiling(q * v.Count) - 1));
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"Push latency, {title} ({messages} messages through Postfix, 2 tabs)");
        Console.WriteLine("| path | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine(string.Format(inv, "| WebMail: SMTP end → row in the DOM (both tabs) | {0:0} | {1:0} | {2:0} | {3:0} |", P(web, .5), P(web, .95), P(web, .99), web.Max()));
        Console.WriteLine(string.Format(inv, "| baseline: SMTP end → raw IDLE EXISTS (MailKit) | {0:0} | {1:0} | {2:0} | {3:0} |", P(raw, .5), P(raw, .95), P(raw, .99), raw.Max()));
        Console.WriteLine(string.Format(inv, "p50 difference (WebMail − baseline): {0:0} ms", P(web, .5) - P(raw, .5)));
    }
}
