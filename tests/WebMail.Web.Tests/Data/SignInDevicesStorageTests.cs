using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebMail.Testing;
using WebMail.Web.Account;
using WebMail.Web.Data;
using WebMail.Web.Tests.Account;

namespace WebMail.Web.Tests.Data;

/// <summary>
/// SSO sign-ins keep their browser, address and last-seen time in the settings database (the SignInDevices migration),
/// on SQLite and on a real PostgreSQL; last seen keeps them alive, the sweep ends them once idle.
/// </summary>
public sealed class SignInDevicesStorageTests : IAsyncLifetime
{
    private readonly string _database = "webmail_" + Guid.NewGuid().ToString("N")[..12];
    private readonly ShiftedClock _clock = new();
    private bool _created;

    private static string Server => Environment.GetEnvironmentVariable("WEBMAIL_POSTGRES") is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException("WEBMAIL_POSTGRES is not set: run the tests through deploy/test.sh, which starts PostgreSQL.");

    public Task InitializeAsync()
    {
        // On a whole second: PostgreSQL keeps microseconds, .NET ticks are finer.
        _clock.Freeze();
        _clock.Shift = -TimeSpan.FromTicks(_clock.GetUtcNow().UtcTicks % TimeSpan.TicksPerSecond);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (!_created)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task OidcSignIn_OnSqlite_DeviceKeptLastSeenWrittenIdleOneSwept()
    {
        using var factory = new WebMailFactory();
        using var app = WithClock(factory);

        await DeviceKeptLastSeenWrittenIdleOneSweptAsync(app);
    }

    [Fact]
    public async Task OidcSignIn_OnPostgreSql_DeviceKeptLastSeenWrittenIdleOneSwept()
    {
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
            _created = true;
        }

        using var factory = new WebMailFactory()
            .WithPostgreSql(new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ConnectionString);
        using var app = WithClock(factory);

        await DeviceKeptLastSeenWrittenIdleOneSweptAsync(app);
    }

    private WebApplicationFactory<Program> WithClock(WebMailFactory factory) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));

    private async Task DeviceKeptLastSeenWrittenIdleOneSweptAsync(WebApplicationFactory<Program> app)
    {
        var store = app.Services.GetRequiredService<SignInStore>();
        var user = MailStack.NewUser("store");
        var tokens = new OidcTokens("access", "refresh", null, _clock.GetUtcNow().UtcDateTime.AddHours(1));
        var idle = await store.AddOidcAsync(MailStack.NewUser("other"), tokens, new SignInDevice("Safari 18 on macOS", "203.0.113.9"));
        var active = await store.AddOidcAsync(user, tokens, new SignInDevice("Firefox 133 on Windows", "198.51.100.4"));
        var signedInAt = _clock.GetUtcNow();

        // 11 hours in, the active one is used (a request or a live tab): that is written down.
        _clock.Shift += TimeSpan.FromHours(11);
        Assert.True(await store.SeenAsync(active));
        _clock.Shift += TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1);
        var swept = await store.EndExpiredAsync();

        Assert.Equal(1, swept);
        Assert.False(await store.IsActiveAsync(idle));
        Assert.Equal(SignInEndReason.Idle, store.TakeEndReason(idle));
        Assert.True(await store.IsActiveAsync(active));
        var device = Assert.Single(await store.ListAsync(user));
        Assert.Equal(("Firefox 133 on Windows", "198.51.100.4", "oidc"), (device.Browser, device.ClientAddress, device.Method));
        Assert.Equal(signedInAt, device.SignedInAt);
        Assert.Equal(signedInAt + TimeSpan.FromHours(11), device.LastSeen);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<WebMailDbContext>>().CreateDbContextAsync())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var stored = await db.SignIns.AsNoTracking().SingleAsync(s => s.Id == active);
            Assert.Equal((signedInAt + TimeSpan.FromHours(11)).UtcDateTime, DateTime.SpecifyKind(stored.LastSeenUtc!.Value, DateTimeKind.Utc));
        }

        // Unused for 12 hours after that, it goes too.
        _clock.Shift += TimeSpan.FromHours(11);
        Assert.Equal(1, await store.EndExpiredAsync());
        Assert.Empty(await store.ListAsync(user));
    }
}
