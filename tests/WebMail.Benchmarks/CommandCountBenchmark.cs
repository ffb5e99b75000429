using System.Globalization;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>
/// IMAP commands WebMail issues for one new message: one user with 1 tab, then with 5 tabs, open on the inbox;
/// messages delivered through Postfix one at a time; every command the app sends is counted by a proxy between
/// it and Dovecot, from just before the delivery until every tab shows the message and its unread count and the
/// connection is back in IDLE.
/// </summary>
public static class CommandCountBenchmark
{
    public static async Task<int> RunAsync(int messages)
    {
        await using var counter = ImapCommandCounter.Start();
        await using var app = NewMailFanOut.CountedApp(counter);
        app.StartServer();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);

        Console.WriteLine();
        Console.WriteLine($"IMAP commands issued by WebMail per new message ({messages} messages through Postfix per row, IDLE, no push_notification)");
        Console.WriteLine("| tabs open | min | median | max | IMAP connections | commands of the last message |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---|");
        var last = 0.0;
        foreach (var tabCount in new[] { 1, 5 })
        {
            var user = MailStack.NewUser("count");
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress });
            var tabs = await NewMailFanOut.OpenTabsAsync(context, counter, user, tabCount);
            var counts = new List<double>();
            ImapCommandSnapshot? snapshot = null;
            for (var i = 1; i <= messages; i++)
            {
                var subject = string.Create(CultureInfo.InvariantCulture, $"Counted {tabCount}-{i}");
                snapshot = await NewMailFanOut.DeliverAndCountAsync(counter, tabs, user, subject, unreadAfter: i);
                counts.Add(snapshot.CommandsOf(user).Count);
            }

            var connections = await MailStack.ServerConnectionCountAsync(user);
            Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0} | {2:0} | {3:0} | {4} | {5} |",
                tabCount, counts.Min(), Measurements.P(counts, .5), counts.Max(), connections, ImapCommandSnapshot.Compact(snapshot!.CommandsOf(user))));
            last = Measurements.P(counts, .5);
        }

        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "5 tabs: median {0:0} commands per new message (target ≤ 3) {1}", last, last <= 3 ? "MET" : "MISSED"));
        return 0;
    }
}
