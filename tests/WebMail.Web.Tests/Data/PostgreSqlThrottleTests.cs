using System.Net;
using Npgsql;
using WebMail.Testing;
using WebMail.Web.Tests.Account;

namespace WebMail.Web.Tests.Data;

/// <summary>Sign-in throttling on PostgreSQL, shared by two app instances as behind a load balancer.</summary>
public sealed class PostgreSqlThrottleTests : IAsyncLifetime
{
    private readonly string _database = "webmail_" + Guid.NewGuid().ToString("N")[..12];

    private static string Server => Environment.GetEnvironmentVariable("WEBMAIL_POSTGRES") is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException("WEBMAIL_POSTGRES is not set: run the tests through deploy/test.sh, which starts PostgreSQL.");

    private string ConnectionString => new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ConnectionString;

    public async Task InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task SignIn_GuessesSpreadOverTwoInstances_LockHoldsOnBoth()
    {
        using var first = Instance();
        using var second = Instance();
        using var firstApp = first.WithClientAddresses();
        using var secondApp = second.WithClientAddresses();
        var user = MailStack.NewUser("pg");

        for (var i = 1; i <= 4; i++)
        {
            var instance = i % 2 == 0 ? firstApp : secondApp;
            Assert.Equal(HttpStatusCode.OK, (await WebMailFactory.PostLoginAsync(instance.BrowserFrom("198.51.100.66"), user, $"guess-{i}")).StatusCode);
        }

        var locked = await WebMailFactory.PostLoginAsync(firstApp.BrowserFrom("198.51.100.66"), user, MailStack.TestPassword);
        var lockedThere = await WebMailFactory.PostLoginAsync(secondApp.BrowserFrom("198.51.100.66"), user, MailStack.TestPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedThere.StatusCode);
        Assert.NotNull(lockedThere.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(secondApp.BrowserFrom("192.0.2.10"), user, MailStack.TestPassword)).StatusCode);
    }

    private WebMailFactory Instance() => new WebMailFactory()
        .WithPostgreSql(ConnectionString)
        .With("WebMail:SignIn:Throttle:FreeAttempts", "4")
        .With("WebMail:SignIn:Throttle:DelayStepMilliseconds", "0");
}
