using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>
/// Opening a 100,000-message folder: time from the click on the folder to its first 50 rows in the DOM,
/// against the same IMAP work done directly with MailKit (SELECT + FETCH of 50 envelopes), measured
/// alternately in one run so both see the same machine load.
/// </summary>
public static class FolderOpenBenchmark
{
    private const string User = "bench-100k@test.example";
    private const string Folder = "Big";
    private const int Messages = 100_000;

    public static async Task<int> RunAsync(int iterations)
    {
        await EnsureSeededAsync();

        await using var app = new KestrelWebMailFactory();
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 2000 } });
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, User);

        using var direct = new ImapClient();
        // Same transport as the app: STARTTLS, trusting the local stack's own certificate.
        var trusted = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(MailStack.CertificatePath));
        direct.ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == trusted.GetCertHashString();
        await direct.ConnectAsync(MailStack.Host, MailStack.ImapPort, SecureSocketOptions.StartTls);
        await direct.AuthenticateAsync(User, MailStack.TestPassword);

        var webmail = new List<double>();
        var baseline = new List<double>();
        for (var i = -3; i < iterations; i++)
        {
            var web = await OpenInWebMailAsync(page);
            var imap = await OpenDirectlyAsync(direct);
            if (i >= 0)
            {
                webmail.Add(web);
                baseline.Add(imap);
            }
        }

        Report("Open a 100,000-message folder, first 50 rows", webmail, baseline);
        return 0;
    }

    private static async Task<double> OpenInWebMailAsync(IPage page)
    {
        var folders = page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" });
        await folders.GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await page.Locator("ul[aria-label='Messages in INBOX']").WaitForAsync();

        // Measured inside the page: from the click to the moment the 50th row exists, newest first.
        return await page.EvaluateAsync<double>(
            """
            async () => {
              const link = [...document.querySelectorAll("nav[aria-label=Folders] a")].find(a => a.textContent.includes("Big"));
              const done = () => {
                const rows = document.querySelectorAll("ul[aria-label='Messages in Big'] li.row a .subject");
                return rows.length >= 50 && rows[0].textContent === "Generated message 100000";
              };
              const start = performance.now();
              const finished = new Promise(resolve => {
                const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(performance.now()); } });
                observer.observe(document.body, { childList: true, subtree: true, characterData: true });
              });
              link.click();
              return (await finished) - start;
            }
            """);
    }

    private static async Task<double> OpenDirectlyAsync(ImapClient client)
    {
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var folder = await client.GetFolderAsync(Folder);
        var watch = Stopwatch.StartNew();
        await folder.OpenAsync(FolderAccess.ReadWrite);
        var rows = await folder.FetchAsync(folder.Count - 50, folder.Count - 1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Flags | MessageSummaryItems.Size);
        watch.Stop();
        if (rows.Count != 50)
        {
            throw new InvalidOperationException($"expected 50 rows, got {rows.Count}");
        }

        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task EnsureSeededAsync()
    {
        using var client = await MailStack.ConnectAsync(User);
        var existing = (await client.GetFoldersAsync(client.PersonalNamespaces[0])).FirstOrDefault(f => f.FullName == Folder);
        if (existing is not null)
        {
            await existing.StatusAsync(StatusItems.Count);
        }

        if (existing?.Count == Messages)
        {
            return;
        }

        if (existing is not null)
        {
            await existing.DeleteAsync();
        }

        await client.DisconnectAsync(true);
        Console.WriteLine($"seeding {Messages:N0} messages into {User}/{Folder} (once)...");
        var watch = Stopwatch.StartNew();
        await Seeder.SeedGeneratedAsync(User, MailStack.TestPassword, Folder, Messages);
        Console.WriteLine($"seeded in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    private static void Report(string title, List<double> webmail, List<double> baseline)
    {
        static double P(List<double> v, double p) => v.Order().ElementAt((int)Math.Min(v.Count - 1, Math.Ceiling(p * v.Count) - 1));
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"{title} ({webmail.Count} runs each, alternating)");
        Console.WriteLine("| path | p50 ms | p95 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine(string.Format(inv, "| WebMail: click → 50 rows in the DOM | {0:0.0} | {1:0.0} | {2:0.0} |", P(webmail, .5), P(webmail, .95), webmail.Max()));
        Console.WriteLine(string.Format(inv, "| MailKit direct: SELECT + FETCH 50 envelopes | {0:0.0} | {1:0.0} | {2:0.0} |", P(baseline, .5), P(baseline, .95), baseline.Max()));
        Console.WriteLine(string.Format(inv, "ratio of medians (WebMail / direct): {0:0.00}x (target ≤ 1.5x)", P(webmail, .5) / P(baseline, .5)));
    }
}
