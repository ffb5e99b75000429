using System.Diagnostics;
using MailKit;
using WebMail.Testing;

namespace WebMail.Benchmarks;

/// <summary>
/// Opening a 100,000-message folder, cold and warm: from the click on the folder to its first screen of rows painted
/// (newest first, every visible row a real row, no skeleton), against the same IMAP work on one MailKit session
/// (SELECT + FETCH of a screen of rows with what a row shows), interleaved in one run.
/// Cold: WebMail signed out and in again (its IMAP session and cached rows are gone) vs SELECT on a new connection;
/// warm: the folder was open before in this session (another folder in between) vs SELECT again on the open session.
/// </summary>
public static class FolderOpenBenchmark
{
    internal const string User = "bench-100k@test.example";
    internal const string Folder = "Big";
    internal const int Messages = 100_000;
    private const string Newest = "Generated message 100000";

    public static async Task<int> RunAsync(int iterations)
    {
        await EnsureSeededAsync();
        await using var s = await BenchSession.StartAsync(User);
        await s.OpenFolderAsync(Folder, Folder);
        var screen = await s.ScreenRowsAsync();
        Console.WriteLine($"a screen is {screen} rows ({BenchSession.Width}×{BenchSession.Height} viewport)");
        var arg = new { n = screen, first = Newest, folder = Folder };
        const string Click = "(" + BenchSession.ClickFolder + ")(arg);";
        const string Check = "rows.length >= arg.n && rows[0].subject === arg.first";

        var warm = new Interleaved("Open a 100,000-message folder, warm (opened before in this session)", iterations);
        await warm.RunAsync(
            async _ =>
            {
                await s.OpenFolderAsync("INBOX", "Inbox");
                return (await Painted.MeasureAsync(s.Page, Click, Check, arg)).Ms;
            },
            async _ =>
            {
                await s.Direct.Inbox.OpenAsync(FolderAccess.ReadWrite);
                return await SelectAndFetchAsync(s.Direct, screen);
            });
        warm.Report("WebMail: click → first screen painted", $"raw: SELECT + FETCH {screen} rows (open session)", 1.3);

        var cold = new Interleaved("Open a 100,000-message folder, cold (first open after sign-in)", Math.Max(5, iterations / 2));
        await cold.RunAsync(
            async _ =>
            {
                await s.SignInAgainAsync();
                await s.Page.Locator("ul[aria-label='Messages in INBOX']").WaitForAsync();
                return (await Painted.MeasureAsync(s.Page, Click, Check, arg)).Ms;
            },
            async _ =>
            {
                using var fresh = await Measurements.ConnectStartTlsAsync(User);
                var ms = await SelectAndFetchAsync(fresh, screen);
                await fresh.DisconnectAsync(true);
                return ms;
            });
        cold.Report("WebMail: sign-in done, click → first screen painted", $"raw: new session, SELECT + FETCH {screen} rows", 1.3);

        await s.OpenFolderAsync("INBOX", "Inbox");
        await s.ProfileAsync("warm folder open", () => Painted.MeasureAsync(s.Page, Click, Check, arg));
        if (BenchSession.Profiling)
        {
            await s.SignInAgainAsync();
            await s.Page.Locator("ul[aria-label='Messages in INBOX']").WaitForAsync();
            await s.ProfileAsync("cold folder open", () => Painted.MeasureAsync(s.Page, Click, Check, arg));
        }
        return 0;
    }

    private static async Task<double> SelectAndFetchAsync(MailKit.Net.Imap.ImapClient client, int rows)
    {
        var folder = await client.GetFolderAsync(Folder);
        var watch = Stopwatch.StartNew();
        await folder.OpenAsync(FolderAccess.ReadWrite);
        var fetched = await folder.FetchAsync(folder.Count - rows, folder.Count - 1, BenchMailboxes.RowItems);
        watch.Stop();
        return fetched.Count == rows && fetched.Max(r => r.Index) == Messages - 1
            ? watch.Elapsed.TotalMilliseconds
            : throw new InvalidOperationException($"expected {rows} newest rows, got {fetched.Count}");
    }

    internal static async Task EnsureSeededAsync()
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
}
