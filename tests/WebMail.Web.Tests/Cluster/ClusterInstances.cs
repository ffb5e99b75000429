using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.Mail;
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

    private readonly Lock _start = new();
    private KestrelWebMailFactory? _a;
    private KestrelWebMailFactory? _b;

    /// <summary>Instance A, started on first use (it migrates the database).</summary>
    public KestrelWebMailFactory A => Started(ref _a, "a");

    /// <summary>Instance B, started on first use, after A.</summary>
    public KestrelWebMailFactory B
    {
        get
        {
            _ = A;
            return Started(ref _b, "b");
        }
    }

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
    }

    private KestrelWebMailFactory Started(ref KestrelWebMailFactory? instance, string name)
    {
        lock (_start)
        {
            if (instance is null)
            {
                var created = Instance(name);
                created.StartServer();
                instance = created;
            }

            return instance;
        }
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
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

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

    /// <summary>Waits for <paramref name="condition"/> (asked again and again): fails with <paramref name="what"/> after 20 s.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Signs <paramref name="user"/> in with the password form of the instance at <paramref name="baseAddress"/>.</summary>
    public static async Task PasswordSignInAsync(string baseAddress, string user)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseAddress) };
        var response = await WebMailFactory.PostLoginAsync(client, user, MailStack.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>What Dovecot's push_notification (ox driver) sends for a delivery to <paramref name="user"/>, to the instance at <paramref name="baseAddress"/>.</summary>
    public static async Task<HttpResponseMessage> PushAsync(string baseAddress, string user)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseAddress) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dovecot:" + PushSecret)));
        var body = $"{{\"user\":\"{user}\",\"event\":\"MessageNew\",\"folder\":\"INBOX\"}}";
        return await client.PutAsync(PushNotificationEndpoint.Path, new StringContent(body, Encoding.UTF8, "application/json"));
    }

    public static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
