using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Mail.Html;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>
/// Opening a 1 MB HTML newsletter for the first time: from the click on its row to its sandboxed frame loaded, in
/// Chromium, against the same IMAP work on an already-open MailKit session (UID FETCH BODYSTRUCTURE, then the HTML
/// part) plus <see cref="MailHtmlSanitizer"/> alone, measured alternately in one run. Each run opens its own copy of
/// the newsletter (WebMail keeps a message's sanitized document after its first open); the re-open of that copy,
/// Chromium alone loading the sanitized document, and a plain message's open are timed for reference.
/// </summary>
public static class OpenHtmlBenchmark
{
    private const int Warmup = 3;
    private const int NewsletterBytes = 1024 * 1024;
    private const string PlainSubject = "Lunch on Friday?";
    private const string PlainText = "Shall we try the new place by the station?";

    public static async Task<int> RunAsync(int iterations)
    {
        var user = MailStack.NewUser("open-html");
        var subjects = Enumerable.Range(1, iterations + Warmup).Select(k => string.Create(CultureInfo.InvariantCulture, $"This week at the Harbour, no. {k}")).ToList();
        var html = Newsletter.Html(NewsletterBytes);
        await SeedAsync(user, subjects, html);

        await using var app = new KestrelWebMailFactory();
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        // Tall enough for every row to be rendered (the list renders only the rows in view).
        var height = Math.Max(1000, (58 * (subjects.Count + 8)) + 300);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new ViewportSize { Width = 1400, Height = height } });
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);

        using var direct = await Measurements.ConnectStartTlsAsync(user);
        await direct.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uids = (await direct.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope)).ToDictionary(m => m.Envelope?.Subject ?? "", m => m.UniqueId);
        var sanitizer = new MailHtmlSanitizer();

        // The sanitized newsletter served by Playwright itself, to time Chromium's share alone.
        var referenceUrl = app.BaseAddress + "/benchmark-reference-frame";
        var reference = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" +
            sanitizer.Sanitize(html, new SanitizeOptions(false, _ => null)).Html + "</body></html>";
        await context.RouteAsync(referenceUrl, route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = reference }));

        var web = new List<double>();
        var baseline = new List<double>();
        var (inserted, received, reopened, sanitizing, browserAlone, plain) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < subjects.Count; i++)
        {
            var subject = subjects[i];
            var uid = uids[subject];
            (double Inserted, double Received, double Loaded) w;
            (double Total, double Sanitizing) b;
            if ((i & 1) == 0)
            {
                w = await OpenInWebMailAsync(page, subject);
                b = await OpenDirectlyAsync(direct, uid, sanitizer);
            }
            else
            {
                b = await OpenDirectlyAsync(direct, uid, sanitizer);
                w = await OpenInWebMailAsync(page, subject);
            }

            var again = await OpenInWebMailAsync(page, subject);
            var p = await MessageOpening.OpenPlainAsync(page, PlainSubject, PlainText);
            var r = await MessageOpening.LoadReferenceFrameAsync(page, referenceUrl);
            await MessageOpening.BackToListAsync(page);
            if (i >= Warmup)
            {
                web.Add(w.Loaded);
                inserted.Add(w.Inserted);
                received.Add(w.Received);
                reopened.Add(again.Loaded);
                baseline.Add(b.Total);
                sanitizing.Add(b.Sanitizing);
                browserAlone.Add(r);
                plain.Add(p);
            }
        }

        Measurements.Report(
            "Open a 1 MB HTML newsletter for the first time",
            "WebMail: click → message frame loaded (Chromium)", web,
            "baseline: UID FETCH BODYSTRUCTURE + HTML part (open MailKit session) + MailHtmlSanitizer", baseline,
            target: 1.5,
            ("of WebMail's: click → frame element in the page", inserted),
            ("of WebMail's: click → frame document received (Chromium's parse and layout follow)", received),
            ("of the baseline: MailHtmlSanitizer alone", sanitizing),
            ("reference: WebMail re-opens the same newsletter (sanitized document kept)", reopened),
            ("reference: Chromium alone loads the sanitized newsletter in a frame (served by Playwright)", browserAlone),
            ("reference: WebMail click → plain-text message shown", plain));
        return 0;
    }

    private static async Task<(double Inserted, double Received, double Loaded)> OpenInWebMailAsync(IPage page, string subject)
    {
        var elapsed = await MessageOpening.OpenHtmlTimedAsync(page, subject, Newsletter.Masthead);
        await MessageOpening.BackToListAsync(page);
        return elapsed;
    }

    private static async Task<(double Total, double Sanitizing)> OpenDirectlyAsync(ImapClient client, UniqueId uid, MailHtmlSanitizer sanitizer)
    {
        var watch = Stopwatch.StartNew();
        var summary = (await client.Inbox.FetchAsync([uid], MessageSummaryItems.UniqueId | MessageSummaryItems.BodyStructure)).First(s => s.UniqueId == uid && s.Body is not null);
        var part = summary.HtmlBody ?? throw new InvalidOperationException("the newsletter has no HTML part");
        var entity = (TextPart)await client.Inbox.GetBodyPartAsync(uid, part);
        var fetched = watch.Elapsed.TotalMilliseconds;
        var sanitized = sanitizer.Sanitize(entity.Text, new SanitizeOptions(AllowRemoteContent: false, _ => null));
        watch.Stop();
        return sanitized.Html.Contains(Newsletter.Masthead, StringComparison.Ordinal)
            ? (watch.Elapsed.TotalMilliseconds, watch.Elapsed.TotalMilliseconds - fetched)
            : throw new InvalidOperationException("the sanitized newsletter lost its masthead");
    }

    private static async Task SeedAsync(string user, List<string> subjects, string html)
    {
        var requests = new List<IAppendRequest>();
        foreach (var subject in subjects)
        {
            requests.Add(new AppendRequest(Newsletter.Message(subject, html), MessageFlags.None));
        }

        var lunch = new MimeMessage { Subject = PlainSubject, Date = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero), Body = new TextPart("plain") { Text = PlainText } };
        lunch.From.Add(new MailboxAddress("Sam Colleague", "sam@example.org"));
        lunch.To.Add(MailboxAddress.Parse(user));
        requests.Add(new AppendRequest(lunch, MessageFlags.None));
        using var client = await MailStack.ConnectAsync(user);
        foreach (var batch in requests.Chunk(10))
        {
            await client.Inbox.AppendAsync(batch);
        }

        await client.DisconnectAsync(true);
    }
}
