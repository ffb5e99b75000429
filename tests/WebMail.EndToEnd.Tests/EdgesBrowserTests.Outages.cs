using Microsoft.Playwright;
using MimeKit;
using Npgsql;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Edges at their limits, in Chromium, as the user sees them: the settings database and the filter server going away
/// in the middle of a save, a megabyte of text in dark mode, and axe in the middle of a very large folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EdgesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SettingsDatabaseAndFilterServerGoAway_PageSaysSoAndKeepsTheValues_SavesOnceBack()
    {
        // An app of its own: its PostgreSQL settings database (a new database on the test server) and ManageSieve
        // (Pigeonhole, plain on loopback so the relay sees the command) each behind a relay this test cuts.
        var server = Environment.GetEnvironmentVariable("WEBMAIL_POSTGRES") is { Length: > 0 } cs
            ? new NpgsqlConnectionStringBuilder(cs)
            : throw new InvalidOperationException("WEBMAIL_POSTGRES is not set: run the tests through deploy/test.sh, which starts PostgreSQL.");
        var database = "webmail_edges_" + Guid.NewGuid().ToString("N")[..10];
        await RunOnServerAsync(server, $"CREATE DATABASE {database}");
        var db = new TcpRelay(server.Host!, server.Port);
        var sieve = new TcpRelay(MailStack.Host, MailStack.ManageSievePort) { CutWhenClientSends = "PUTSCRIPT" };
        db.Start();
        sieve.Start();
        var user = MailStack.NewUser("edgedown");
        await PhoneLayoutBrowserTests.AppendAsync(user, Note("Still readable while the settings database is down"));
        try
        {
            await using var app = new KestrelWebMailFactory()
                .With("WebMail:Database:Provider", "PostgreSql")
                .With("WebMail:Database:ConnectionString", new NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = "127.0.0.1", Port = db.Port, Database = database, Timeout = 5 }.ConnectionString)
                .With("WebMail:Sieve:Host", "127.0.0.1")
                .With("WebMail:Sieve:Port", sieve.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .With("WebMail:Sieve:Security", "None");
            app.StartServer();
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            await using var _ = context;
            context.SetDefaultTimeout(60_000);
            var page = await context.NewPageAsync();
            await UserActions.SignInAsync(page, user);

            await FilterServerDiesDuringSaveAsync(page, sieve);
            await SettingsDatabaseDownAsync(page, db);
        }
        finally
        {
            await sieve.DisposeAsync();
            await db.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await RunOnServerAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    /// <summary>ManageSieve dies as the rule is written (PUTSCRIPT): the form keeps what was typed and says why; later it saves.</summary>
    private static async Task FilterServerDiesDuringSaveAsync(IPage page, TcpRelay sieve)
    {
        await page.GotoAsync("/settings/filters");
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a rule" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Filter rule" });
        await form.GetByLabel("Rule name").FillAsync("Boss mail");
        await form.GetByLabel("Condition 1: value").FillAsync("boss@");
        await form.GetByLabel("Action 1: what to do").SelectOptionAsync(new SelectOptionValue { Label = "Flag" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();

        await sieve.WhenCut;
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The filter server (ManageSieve) cannot be reached");
        await Assertions.Expect(form.GetByLabel("Rule name")).ToHaveValueAsync("Boss mail");
        await Assertions.Expect(form.GetByLabel("Condition 1: value")).ToHaveValueAsync("boss@");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).Not.ToContainTextAsync("saved");

        sieve.CutWhenClientSends = null;
        sieve.Start();
        await form.GetByRole(AriaRole.Button, new() { Name = "Save rule" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Rule “Boss mail” saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Rules" }).GetByRole(AriaRole.Listitem, new() { Name = "Boss mail" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// The settings database stops: a change says it was not saved and the control shows the saved value again; the
    /// mail still opens; once the database is back the same change saves (and is there after a reload).
    /// </summary>
    private static async Task SettingsDatabaseDownAsync(IPage page, TcpRelay db)
    {
        await page.GotoAsync("/settings");
        await UserActions.WaitInteractiveAsync(page);
        var comfortable = page.GetByRole(AriaRole.Radio, new() { Name = "Comfortable" });
        var compact = page.GetByRole(AriaRole.Radio, new() { Name = "Compact" });
        await Assertions.Expect(comfortable).ToBeCheckedAsync();

        await db.StopAsync();
        await compact.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Not saved: the settings database did not answer. Try again in a moment.");
        await Assertions.Expect(comfortable).ToBeCheckedAsync();
        await Assertions.Expect(compact).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).Not.ToHaveTextAsync("Saved");

        // Nothing else breaks: the mail opens (in the same circuit) and so does a message.
        await page.GetByRole(AriaRole.Link, new() { Name = "WebMail", Exact = true }).ClickAsync();
        var inbox = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });
        await Assertions.Expect(inbox.GetByRole(AriaRole.Link, new() { Name = "Still readable while the settings database is down" })).ToBeVisibleAsync();
        await inbox.GetByRole(AriaRole.Link, new() { Name = "Still readable while the settings database is down" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Written before the outage.")).ToBeVisibleAsync();

        db.Start();
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true }).ClickAsync();
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(comfortable).ToBeCheckedAsync();
        await compact.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("");
        await page.ReloadAsync();
        await UserActions.WaitInteractiveAsync(page);
        await Assertions.Expect(compact).ToBeCheckedAsync();
    }

    private static async Task RunOnServerAsync(NpgsqlConnectionStringBuilder server, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static MimeMessage Note(string subject, string? text = null, string? html = null)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow };
        message.From.Add(new MailboxAddress("Edge Sender", "edges@example.org"));
        message.To.Add(MailboxAddress.Parse("team@example.org"));
        message.Body = html is null ? new TextPart("plain") { Text = text ?? "Written before the outage.\r\n" } : new BodyBuilder { HtmlBody = html }.ToMessageBody();
        return message;
    }
}
