using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebMail.Testing.Web;
using WebMail.Web.Tests.Account;

namespace WebMail.Web.Tests.Cluster;

/// <summary>
/// Two in-process WebMail instances (A and B) on Kestrel, sharing a fresh PostgreSQL database (sign-ins, settings,
/// the Data Protection key ring: a cookie of one is good on the other), the test Redis ($WEBMAIL_REDIS) under a
/// channel prefix of their own (parallel runs never cross), one clock, the real Dovecot, and the dev identity
/// provider for SSO (password sign-ins too).
/// </summary>
public sealed class ClusterInstances : IAsyncLifetime
{
    public const string PushSecret = "cluster-push-secret-0123456789abcdef";

    private readonly string _database = "webmail_" + Guid.NewGuid().ToString("N")[..12];

    public string Prefix { get; } = "webmail-test-" + Guid.NewGuid().ToString("N")[..10];

    public DevIdentityProviderHost Provider { get; } = new(TimeSpan.FromMinutes(5));

    internal ShiftedClock Clock { get; } = new();

    public KestrelWebMailFactory A { get; private set; } = default!;

    public KestrelWebMailFactory B { get; private set; } = default!;

    public static string Redis => Environment.GetEnvironmentVariable("WEBMAIL_REDIS") is { Length: > 0 } redis
        ? redis
        : throw new InvalidOperationException("WEBMAIL_REDIS is not set: run the tests through deploy/test.sh, which starts Redis.");

    internal static string Server => Environment.GetEnvironmentVariable("WEBMAIL_POSTGRES") is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException("WEBMAIL_POSTGRES is not set: run the tests through deploy/test.sh, which starts PostgreSQL.");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        // A first, alone: it migrates the database before B starts.
        A = Instance("a");
        A.StartServer();
        B = Instance("b");
        B.StartServer();
    }

    /// <summary>One more instance of this cluster (same database and prefix), pointed at <paramref name="redis"/>.</summary>
    public KestrelWebMailFactory Instance(string name, string? redis = null) =>
        new KestrelWebMailFactory()
            .WithSso(Provider, passwordToo: true)
            .With("WebMail:Database:Provider", "PostgreSql")
            .With("WebMail:Database:ConnectionString", ConnectionString)
            .With("WebMail:Cluster:Redis", redis ?? Redis)
            .With("WebMail:Cluster:ChannelPrefix", Prefix)
            .With("WebMail:Cluster:InstanceName", name)
            .With("WebMail:PushNotifications:Secret", PushSecret)
            .With("WebMail:Unsubscribe:MaxPerUserPerHour", "3")
            .With("WebMail:Session:CloseAfterSeconds", "60")
            .WithServices(s => s.AddSingleton<TimeProvider>(Clock));

    public async Task DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Provider.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Waits for <paramref name="condition"/> (state, not time): fails with <paramref name="what"/> after 20 s.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(10);
        }
    }

    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
