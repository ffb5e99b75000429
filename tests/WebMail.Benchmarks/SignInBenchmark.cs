using System.Diagnostics;
using MailKit;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>
/// Signing in: from the click on "Sign in" to the inbox's first rows in the DOM (timed in the page, across the
/// form post and redirect), against a raw MailKit connect + login + SELECT + FETCH of 50 envelopes on a new
/// connection, alternately in one run. Each run signs in a different user whose inbox holds the same 60
/// messages, so WebMail has no session of that user yet, as at a real first sign-in.
/// </summary>
public static class SignInBenchmark
{
    private const int Messages = 60;
    private const int Rows = 50;

    public static async Task<int> RunAsync(int iterations)
    {
        const int Warmup = 3;
        var users = Enumerable.Range(0, iterations + Warmup).Select(_ => MailStack.NewUser("signin")).ToList();
        Console.WriteLine($"seeding {users.Count} users with {Messages} messages each...");
        foreach (var user in users)
        {
            await Seeder.SeedGeneratedAsync(user, MailStack.TestPassword, "INBOX", Messages);
        }

        await using var app = new KestrelWebMailFactory();
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        var web = new List<double>();
        var baseline = new List<double>();
        var html = new List<double>();
        var interactive = new List<double>();
        for (var i = 0; i < users.Count; i++)
        {
            (double Html, double Interactive, double Rows) w;
            double b;
            if ((i & 1) == 0)
            {
                w = await SignInToWebMailAsync(browser, app.BaseAddress, users[i]);
                b = await OpenDirectlyAsync(users[i]);
            }
            else
            {
                b = await OpenDirectlyAsync(users[i]);
                w = await SignInToWebMailAsync(browser, app.BaseAddress, users[i]);
            }

            if (i >= Warmup)
            {
                web.Add(w.Rows);
                html.Add(w.Html);
                interactive.Add(w.Interactive);
                baseline.Add(b);
            }
        }

        // Reference: Chromium alone doing the same navigation (form post → 302 → the same inbox HTML, scripts removed),
        // every response served at once from memory, so nothing but the browser's own work is timed.
        var inboxHtml = await InboxHtmlAsync(browser, app.BaseAddress, users[^1]);
        var alone = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            alone.Add(await ChromiumAloneAsync(browser, inboxHtml));
        }

        Measurements.Report(
            "Sign in → inbox",
            $"WebMail: click Sign in → {Rows} inbox rows in the DOM (Chromium)", web,
            $"baseline: new MailKit connection, STARTTLS + login + SELECT + FETCH {Rows}", baseline,
            target: 3,
            ("of WebMail's: click → inbox page's HTML received (form post, IMAP login, redirect)", html),
            ("of WebMail's: click → page interactive (circuit connected)", interactive),
            ("reference: Chromium alone, click → the same rows (form post, redirect, the same HTML from a loopback server answering from memory, no scripts)", alone));
        return 0;
    }

    private const string ObserveRows = """
        new MutationObserver(() => {
          const now = performance.timeOrigin + performance.now();
          if (window.__interactiveAt === undefined && document.querySelector("[data-render-mode=interactive]")) {
            window.__interactiveAt = now;
          }
          const rows = document.querySelectorAll("ul[aria-label='Messages in INBOX'] li.row a .subject");
          if (window.__rowsAt === undefined && rows.length >= ROWS && rows[0].textContent === "Generated message MESSAGES") {
            window.__rowsAt = now;
          }
        }).observe(document, { childList: true, subtree: true, characterData: true });
        """;

    private static string Observer() => ObserveRows.Replace("ROWS", Rows.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("MESSAGES", Messages.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The inbox page as WebMail prerenders it for a signed-in user, scripts removed, styles loaded from WebMail.</summary>
    private static async Task<string> InboxHtmlAsync(IBrowser browser, string baseAddress, string user)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress });
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        var html = await (await context.APIRequest.GetAsync("/")).TextAsync();
        html = System.Text.RegularExpressions.Regex.Replace(html, "<script[^>]*>.*?</script>", "", System.Text.RegularExpressions.RegexOptions.Singleline);
        return html.Replace("<head>", $"<head><base href=\"{baseAddress}/\">", StringComparison.Ordinal);
    }

    private static async Task<double> ChromiumAloneAsync(IBrowser browser, string inboxHtml)
    {
        // A plain HTTP server on loopback answering at once from memory (no routing through Playwright's driver).
        var port = FreePort();
        using var listener = new System.Net.HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                System.Net.HttpListenerContext http;
                try
                {
                    http = await listener.GetContextAsync();
                }
                catch (System.Net.HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                var (status, body) = http.Request.HttpMethod == "POST" ? (302, "")
                    : http.Request.Url!.AbsolutePath == "/login" ? (200, "<!DOCTYPE html><form method=post action=/login><input name=u value=x><button type=submit>Sign in</button></form>")
                    : (200, inboxHtml);
                if (status == 302)
                {
                    http.Response.RedirectLocation = "/";
                }

                http.Response.StatusCode = status;
                http.Response.ContentType = "text/html; charset=utf-8";
                var bytes = System.Text.Encoding.UTF8.GetBytes(body);
                await http.Response.OutputStream.WriteAsync(bytes);
                http.Response.Close();
            }
        });

        try
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 2000 } });
            await context.AddInitScriptAsync(Observer());
            var page = await context.NewPageAsync();
            await page.GotoAsync($"http://127.0.0.1:{port}/login");
            await page.EvaluateAsync("""
                () => {
                  sessionStorage.setItem("submitAt", String(performance.timeOrigin + performance.now()));
                  document.querySelector("button[type=submit]").click();
                }
                """);
            await page.WaitForFunctionAsync("() => window.__rowsAt !== undefined", null, new() { Timeout = 30000 });
            return await page.EvaluateAsync<double>("() => window.__rowsAt - Number(sessionStorage.getItem('submitAt'))");
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await serving.ConfigureAwait(false);
        }

        static int FreePort()
        {
            var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            probe.Start();
            var free = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return free;
        }
    }

    private static async Task<(double Html, double Interactive, double Rows)> SignInToWebMailAsync(IBrowser browser, string baseAddress, string user)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 2000 } });

        // Runs in every document before its own scripts: notes when the inbox first shows its newest rows.
        await context.AddInitScriptAsync(Observer());
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(MailStack.TestPassword);

        // The click time survives the navigation in sessionStorage, on the same clock as the inbox page's.
        await page.EvaluateAsync("""
            () => {
              sessionStorage.setItem("submitAt", String(performance.timeOrigin + performance.now()));
              [...document.querySelectorAll("button[type=submit]")].find(b => b.textContent.trim() === "Sign in").click();
            }
            """);
        await page.WaitForFunctionAsync("() => window.__rowsAt !== undefined", null, new() { Timeout = 30000 });
        // The inbox page's document: its navigation (the form post, then the redirect) started at the click.
        var t = await page.EvaluateAsync<double[]>("""
            () => {
              const submitAt = Number(sessionStorage.getItem("submitAt"));
              const html = performance.timeOrigin + performance.getEntriesByType("navigation")[0].responseEnd;
              return [html - submitAt, window.__interactiveAt - submitAt, window.__rowsAt - submitAt];
            }
            """);
        return (t[0], t[1], t[2]);
    }

    private static async Task<double> OpenDirectlyAsync(string user)
    {
        var watch = Stopwatch.StartNew();
        using var client = await Measurements.ConnectStartTlsAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var rows = await client.Inbox.FetchAsync(client.Inbox.Count - Rows, client.Inbox.Count - 1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.Size);
        watch.Stop();
        await client.DisconnectAsync(true);
        return rows.Count == Rows ? watch.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"expected {Rows} rows, got {rows.Count}");
    }
}
