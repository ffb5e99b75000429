using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebMail.Testing;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Conversations;

/// <summary>The Conversations / Messages choice is kept per user in the settings database, on SQLite and PostgreSQL.</summary>
public sealed class ConversationPreferenceTests : IAsyncLifetime
{
    private readonly string _database = "webmail_" + Guid.NewGuid().ToString("N")[..12];
    private bool _created;

    private static string Server => Environment.GetEnvironmentVariable("WEBMAIL_POSTGRES") is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException("WEBMAIL_POSTGRES is not set: run the tests through deploy/test.sh, which starts PostgreSQL.");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_created)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task SetConversations_OnSqlite_KeptPerUser()
    {
        using var app = new WebMailFactory();

        await KeptPerUserAsync(app);
    }

    [Fact]
    public async Task SetConversations_OnPostgreSql_KeptPerUser()
    {
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
            _created = true;
        }

        using var app = new WebMailFactory()
            .WithPostgreSql(new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ConnectionString);

        await KeptPerUserAsync(app);
    }

    private static async Task KeptPerUserAsync(WebMailFactory app)
    {
        var store = app.Services.GetRequiredService<ListViewPreferenceStore>();
        var (ann, bob) = (MailStack.NewUser("ann"), MailStack.NewUser("bob"));

        Assert.False(await store.ConversationsAsync(ann));
        await store.SetConversationsAsync(ann, true);
        Assert.True(await store.ConversationsAsync(ann));
        Assert.False(await store.ConversationsAsync(bob));
        await store.SetConversationsAsync(ann, false);
        Assert.False(await store.ConversationsAsync(ann));
        await store.SetConversationsAsync(ann, true);
        Assert.True(await store.ConversationsAsync(ann));
    }
}
