using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Mail.Html;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>
/// Opening a 1 MB HTML newsletter: from the click on its row to its sandboxed frame loaded, in Chromium, against
/// the same IMAP work on an already-open MailKit session (UID FETCH BODYSTRUCTURE, then the HTML part) plus
/// <see cref="MailHtmlSanitizer"/> alone, measured alternately in one run. A plain message's open is timed too.
/// </summary>
public static class OpenHtmlBenchmark
{
    private const string NewsletterSubject = "This week at the Harbour";
    private const int NewsletterBytes = 1024 * 1024;
    private const string PlainSubject = "Lunch on Friday?";
    private const string PlainText = "Shall we try the new place by the station?";

    public static async Task<int> RunAsync(int iterations)
    {
        var user = MailStack.NewUser("open-html");
        await SeedAsync(user);

        await using var app = new KestrelWebMailFactory();
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);

        using var direct = await Measurements.ConnectStartTlsAsync(user);
        await direct.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uid = (await direct.Inbox.SearchAsync(MailKit.Search.SearchQuery.SubjectContains(NewsletterSubject))).Single();
        var sanitizer = new MailHtmlSanitizer();

        // The sanitized newsletter served by Playwright itself, to time Chromium's share alone.
        var referenceUrl = app.BaseAddress + "/benchmark-reference-frame";
        var reference = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" +
            sanitizer.Sanitize(Newsletter.Html(NewsletterBytes), new SanitizeOptions(false, _ => null)).Html + "</body></html>";
        await context.RouteAsync(referenceUrl, route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = reference }));

        var web = new List<double>();
        var baseline = new List<double>();
        var plain = new List<double>();
        var sanitizing = new List<double>();
        var inserted = new List<double>();
        var received = new List<double>();
        var browserAlone = new List<double>();
        for (var i = -3; i < iterations; i++)
        {
            (double Inserted, double Received, double Loaded) w;
            (double Total, double Sanitizing) b;
            if ((i & 1) == 0)
            {
                w = await OpenInWebMailAsync(page);
                b = await OpenDirectlyAsync(direct, uid, sanitizer);
            }
            else
            {
                b = await OpenDirectlyAsync(direct, uid, sanitizer);
                w = await OpenInWebMailAsync(page);
            }

            var p = await MessageOpening.OpenPlainAsync(page, PlainSubject, PlainText);
            var r = await MessageOpening.LoadReferenceFrameAsync(page, referenceUrl);
            await MessageOpening.BackToListAsync(page);
            if (i >= 0)
            {
                web.Add(w.Loaded);
                inserted.Add(w.Inserted);
                received.Add(w.Received);
                browserAlone.Add(r);
                baseline.Add(b.Total);
                sanitizing.Add(b.Sanitizing);
                plain.Add(p);
            }
        }

        Measurements.Report(
            "Open a 1 MB HTML newsletter",
            "WebMail: click → message frame loaded (Chromium)", web,
            "baseline: UID FETCH BODYSTRUCTURE + HTML part (open MailKit session) + MailHtmlSanitizer", baseline,
            target: 1.5,
            ("of WebMail's: click → frame element in the page", inserted),
            ("of WebMail's: click → frame document received (Chromium's parse and layout follow)", received),
            ("of the baseline: MailHtmlSanitizer alone", sanitizing),
            ("reference: Chromium alone loads the sanitized newsletter in a frame (served by Playwright)", browserAlone),
            ("WebMail: click → plain-text message shown (for reference)", plain));
        return 0;
    }

    private static async Task<(double Inserted, double Received, double Loaded)> OpenInWebMailAsync(IPage page)
    {
        var elapsed = await MessageOpening.OpenHtmlTimedAsync(page, NewsletterSubject, Newsletter.Masthead);
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

    private static async Task SeedAsync(string user)
    {
        var newsletter = Newsletter.Message(NewsletterSubject, NewsletterBytes);
        var lunch = new MimeMessage { Subject = PlainSubject, Date = newsletter.Date.AddHours(1), Body = new TextPart("plain") { Text = PlainText } };
        lunch.From.Add(new MailboxAddress("Sam Colleague", "sam@example.org"));
        lunch.To.Add(MailboxAddress.Parse(user));
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.AppendAsync([new AppendRequest(newsletter, MessageFlags.None), new AppendRequest(lunch, MessageFlags.None)]);
        await client.DisconnectAsync(true);
    }
}
