using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>
/// Memory of a large HTML mail opened again and again: the app runs as its own process (as a server does, with
/// its server GC and nothing forced), a 20 MB HTML mail is opened N times in Chromium (click → frame loaded or
/// large-message notice shown, then back to the list), and the app's resident memory (VmRSS) is read before and
/// after; once with default settings, once with the HTML size limit raised so every open sanitizes and frames it.
/// </summary>
public static class MemoryBenchmark
{
    private const string Subject = "Harbour catalogue, full edition";
    private const int HtmlBytes = 20 * 1024 * 1024;

    public static async Task<int> RunAsync(int opens)
    {
        // As a server runs by default (the body is over WebMail:Session:MaxSanitizedHtmlBytes, so WebMail offers it
        // as text or a download), then with that limit raised so the whole body is sanitized and framed each time.
        await RoundAsync("default settings", opens, []);
        await RoundAsync("WebMail:Session:MaxSanitizedHtmlBytes raised to 32 MB (sanitized and framed)", opens, [("WebMail__Session__MaxSanitizedHtmlBytes", "33554432")]);
        return 0;
    }

    private static async Task RoundAsync(string title, int opens, (string Key, string Value)[] settings)
    {
        var user = MailStack.NewUser("memory");
        using (var client = await MailStack.ConnectAsync(user))
        {
            await client.Inbox.AppendAsync(new MailKit.AppendRequest(Newsletter.Message(Subject, HtmlBytes), MailKit.MessageFlags.Seen));
            var note = new MimeMessage { Subject = "Lunch on Friday?", Body = new TextPart("plain") { Text = "Shall we?" } };
            note.From.Add(new MailboxAddress("Sam Colleague", "sam@example.org"));
            await client.Inbox.AppendAsync(new MailKit.AppendRequest(note, MailKit.MessageFlags.Seen));
            await client.DisconnectAsync(true);
        }

        using var app = AppServer.Start(settings, out var baseAddress);
        try
        {
            await AppServer.WaitUntilUpAsync(baseAddress);
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await Chromium.LaunchAsync(playwright);
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
            var page = await context.NewPageAsync();
            await UserActions.SignInAsync(page, user);
            await MessageOpening.OpenPlainAsync(page, "Lunch on Friday?", "Shall we?");
            await MessageOpening.BackToListAsync(page);

            var before = AppServer.Status(app.Id, "VmRSS");
            var times = new List<double>();
            var framed = 0;
            for (var i = 0; i < opens; i++)
            {
                var (elapsed, inFrame) = await MessageOpening.OpenAnyHtmlAsync(page, Subject);
                times.Add(elapsed);
                framed += inFrame ? 1 : 0;
                await MessageOpening.BackToListAsync(page);
            }

            var after = AppServer.Status(app.Id, "VmRSS");
            var inv = CultureInfo.InvariantCulture;
            Console.WriteLine();
            Console.WriteLine($"Memory, {title}: a {HtmlBytes / 1048576} MB HTML mail opened {opens} times (click → shown, back to the list), app in its own process");
            Console.WriteLine(string.Format(inv, "shown {0} time(s) in its frame, {1} time(s) as the large-message notice", framed, opens - framed));
            Console.WriteLine(string.Format(inv, "app RSS: {0:0} MB before, {1:0} MB after → {2:+0;-0} MB added (target ≤ 100 MB) {3}; peak RSS {4:0} MB",
                before / 1024.0, after / 1024.0, (after - before) / 1024.0, after - before <= 100 * 1024 ? "MET" : "MISSED", AppServer.Status(app.Id, "VmHWM") / 1024.0));
            Console.WriteLine(string.Format(inv, "open (click → shown): p50 {0:0} ms, p95 {1:0} ms, max {2:0} ms", Measurements.P(times, .5), Measurements.P(times, .95), times.Max()));
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }
}
