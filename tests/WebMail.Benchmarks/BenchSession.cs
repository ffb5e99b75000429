using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Playwright;
using WebMail.Mail.Model;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>
/// One scenario's machinery: the real app on Kestrel, one Chromium page signed in as <see cref="User"/> (1400×900),
/// and an open MailKit session of the same user over the same transport (STARTTLS) for the raw baseline.
/// With <c>WEBMAIL_BENCH_PROFILE=1</c> the app's IMAP goes through an <see cref="ImapCommandCounter"/> (plaintext on
/// loopback) and the circuit's WebSocket frames are logged, so <see cref="ProfileAsync"/> can say where a run's time went.
/// </summary>
internal sealed class BenchSession : IAsyncDisposable
{
    public const int Width = 1400;
    public const int Height = 900;

    private readonly List<(double At, bool Sent, int Bytes)> _frames = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private BenchSession(string user, KestrelWebMailFactory app, ImapCommandCounter? counter, IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page, ImapClient direct)
    {
        (User, App, Counter, _playwright, Browser, Context, Page, Direct) = (user, app, counter, playwright, browser, context, page, direct);
    }

    private readonly IPlaywright _playwright;

    public string User { get; }

    public KestrelWebMailFactory App { get; }

    public ImapCommandCounter? Counter { get; }

    public IBrowser Browser { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; private set; }

    /// <summary>The raw side: one open MailKit session, as a lean client would keep it.</summary>
    public ImapClient Direct { get; }

    public static bool Profiling => Environment.GetEnvironmentVariable("WEBMAIL_BENCH_PROFILE") == "1";

    public static async Task<BenchSession> StartAsync(string user)
    {
        var counter = Profiling ? ImapCommandCounter.Start() : null;
        var app = counter is null ? new KestrelWebMailFactory() : NewMailFanOut.CountedApp(counter);
        app.StartServer();
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new ViewportSize { Width = Width, Height = Height } });
        await context.AddInitScriptAsync(Painted.InitScript);
        var page = await context.NewPageAsync();
        var direct = await Measurements.ConnectStartTlsAsync(user);
        var session = new BenchSession(user, app, counter, playwright, browser, context, page, direct);
        session.Watch(page);
        await UserActions.SignInAsync(page, user);
        return session;
    }

    /// <summary>Signs out (the user's last sign-in: WebMail closes its IMAP session and forgets its rows) and in again.</summary>
    public async Task SignInAgainAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await UserActions.SignInAsync(Page, User);
    }

    /// <summary>The app's address of a folder with an optional query string (the URL contract of issue 10).</summary>
    public static string FolderUrl(string folder, string? query = null) =>
        $"/mail/{FolderToken.Encode(folder)}" + (string.IsNullOrEmpty(query) ? "" : "?" + query);

    /// <summary>Clicks a folder in the folder tree and waits (untimed) for its list.</summary>
    public async Task OpenFolderAsync(string folder, string name)
    {
        await Page.WaitForFunctionAsync(FindFolder, new { folder = name }, new() { Timeout = 60_000 });
        await Page.EvaluateAsync(ClickFolder, new { folder = name });
        await Page.Locator($"ul[aria-label='Messages in {folder}'][aria-busy=false]").WaitForAsync(new() { Timeout = 60_000 });
    }

    /// <summary>JavaScript: clicks the folder tree's link whose name is <c>arg.folder</c>.</summary>
    public const string ClickFolder = "arg => (" + FindFolder + ")(arg).click()";

    private const string FindFolder = """arg => [...document.querySelectorAll("nav[aria-label=Folders] a")].find(a => a.querySelector(".name")?.textContent.trim() === arg.folder)""";

    /// <summary>Rows that fill the list pane once a folder is shown (used as "a screen" by both sides).</summary>
    public async Task<int> ScreenRowsAsync() => (await Painted.VisibleAsync(Page)).Count;

    /// <summary>
    /// Profile mode only: runs <paramref name="run"/> once and prints the IMAP commands the app issued and the circuit's
    /// WebSocket frames (ms after the start, direction, bytes) during it.
    /// </summary>
    public async Task ProfileAsync(string title, Func<Task<PaintedScreen>> run)
    {
        if (!Profiling)
        {
            return;
        }

        Counter!.Reset();
        lock (_frames)
        {
            _frames.Clear();
        }

        var start = _clock.Elapsed.TotalMilliseconds;
        var startTimestamp = Stopwatch.GetTimestamp();
        var painted = await run();
        await Task.Delay(300);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"profile: {title}: painted at {painted.Ms.ToString("0", inv)} ms (rows in the DOM at {painted.DomMs.ToString("0", inv)} ms)");
        var snapshot = Counter.Snapshot();
        Console.WriteLine($"  IMAP commands by WebMail: {ImapCommandSnapshot.Compact(snapshot.CommandsOf(User))}");
        var mine = snapshot.Connections.Where(c => c.User == User).Select(c => c.Id).ToHashSet();
        Console.WriteLine("  sent at (ms): " + string.Join(" ", snapshot.Log.Where(r => mine.Contains(r.Connection) && r.Timestamp >= startTimestamp)
            .Select(r => string.Create(inv, $"{r.Name}@{Stopwatch.GetElapsedTime(startTimestamp, r.Timestamp).TotalMilliseconds:0}"))));
        lock (_frames)
        {
            var shown = _frames.Where(f => f.At >= start).Select(f => string.Create(inv, $"{f.At - start:0}{(f.Sent ? "↑" : "↓")}{f.Bytes}"));
            Console.WriteLine($"  circuit frames (ms, ↑ browser→server / ↓ server→browser, bytes): {string.Join(" ", shown)}");
        }
    }

    private void Watch(IPage page) => page.WebSocket += (_, socket) =>
    {
        socket.FrameSent += (_, frame) => Log(true, frame);
        socket.FrameReceived += (_, frame) => Log(false, frame);
    };

    private void Log(bool sent, IWebSocketFrame frame)
    {
        if (!Profiling)
        {
            return;
        }

        lock (_frames)
        {
            _frames.Add((_clock.Elapsed.TotalMilliseconds, sent, frame.Binary?.Length ?? frame.Text?.Length ?? 0));
        }
    }

    /// <summary>Selects <paramref name="folder"/> on the raw session (ReadWrite, as WebMail does) if it is not selected yet.</summary>
    public async Task<IMailFolder> DirectFolderAsync(string folder)
    {
        var f = await Direct.GetFolderAsync(folder);
        if (!f.IsOpen)
        {
            await f.OpenAsync(FolderAccess.ReadWrite);
        }

        return f;
    }

    public async ValueTask DisposeAsync()
    {
        await Direct.DisconnectAsync(true);
        Direct.Dispose();
        await Context.DisposeAsync();
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await App.DisposeAsync();
        if (Counter is not null)
        {
            await Counter.DisposeAsync();
        }
    }
}
