using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebMail.Mail.Model;
using WebMail.Testing;
using WebMail.Web.Account;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Data;

/// <summary>The settings database on a real PostgreSQL (deploy/postgres.sh starts one for the tests).</summary>
public sealed class PostgreSqlTests : IAsyncLifetime
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
    public async Task App_OnPostgreSql_MigratesAndKeepsSignInsKeysAndContacts()
    {
        using var app = new WebMailFactory()
            .WithPostgreSql(ConnectionString);
        var user = MailStack.NewUser("pg");

        var client = await app.SignInAsync(user);
        var store = app.Services.GetRequiredService<SignInStore>();
        var sid = await store.AddOidcAsync(user, new OidcTokens("access-token-value", "refresh-token-value", null, DateTime.UtcNow.AddMinutes(5)));
        await app.Services.GetRequiredService<ContactStore>().CollectAsync(user, [new MailAddress("Zoë", "zoe@example.test")]);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal("access-token-value", (await store.FindOidcAsync(sid))!.Value.Tokens.AccessToken);
        Assert.Equal("Zoë <zoe@example.test>", (await app.Services.GetRequiredService<ContactStore>().SuggestAsync(user, "zo")).Single().ToString());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WebMailDbContext>>().CreateDbContextAsync();
        Assert.IsType<PostgreSqlWebMailDbContext>(db);
        Assert.True(await db.DataProtectionKeys.AnyAsync(), "Data Protection keys should live in PostgreSQL");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var raw = await db.SignIns.Where(s => s.Id == sid).Select(s => s.ProtectedTokens).SingleAsync();
        Assert.Equal(-1, raw.AsSpan().IndexOf("access-token-value"u8));
    }

    [Fact]
    public async Task Start_PostgreSqlWithoutConnectionString_ExitsNamingTheSetting()
    {
        var (exitCode, lastLine) = await Hosting.StartupValidationTests.RunWebMailAsync(new() { ["WebMail__Database__Provider"] = "PostgreSql" });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("WebMail:Database:ConnectionString is required when WebMail:Database:Provider is PostgreSql", lastLine, StringComparison.Ordinal);
    }
}
