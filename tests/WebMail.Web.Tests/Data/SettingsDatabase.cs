using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Data;

/// <summary>A migrated settings database of its own, on SQLite (a temporary file) or on the test PostgreSQL (a new database).</summary>
public sealed class SettingsDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _postgresDatabase;

    private SettingsDatabase(ServiceProvider services, string? postgresDatabase, string connectionString)
    {
        _services = services;
        _postgresDatabase = postgresDatabase;
        ConnectionString = connectionString;
    }

    /// <summary>For apps (<c>WebMail:Database:ConnectionString</c>) that share this database.</summary>
    public string ConnectionString { get; }

    public IDbContextFactory<WebMailDbContext> Factory => _services.GetRequiredService<IDbContextFactory<WebMailDbContext>>();

    private static string Server => Environment.GetEnvironmentVariable("WEBMAIL_POSTGRES") is { Length: > 0 } cs
        ? cs
        : throw new InvalidOperationException("WEBMAIL_POSTGRES is not set: run the tests through deploy/test.sh, which starts PostgreSQL.");

    /// <summary>
    /// A new database, migrated to the latest migration, or only up to <paramref name="migrateTo"/> (a migration's
    /// name), or left empty (<paramref name="migrate"/> false) for the app to create.
    /// </summary>
    public static async Task<SettingsDatabase> CreateAsync(DatabaseProvider provider, string? migrateTo = null, bool migrate = true)
    {
        var services = new ServiceCollection();
        string? database = null;
        string connectionString;
        if (provider == DatabaseProvider.PostgreSql)
        {
            database = "webmail_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(Server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }

            connectionString = new NpgsqlConnectionStringBuilder(Server) { Database = database }.ConnectionString;
            services.AddDbContextFactory<PostgreSqlWebMailDbContext>(db => db.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<WebMailDbContext>, PostgreSqlFactory>();
        }
        else
        {
            var file = Path.Combine(Directory.CreateTempSubdirectory("webmail-settings-").FullName, "webmail.db");
            connectionString = $"Data Source={file}";
            services.AddDbContextFactory<WebMailDbContext>(db => db.UseSqlite(connectionString));
        }

        var result = new SettingsDatabase(services.BuildServiceProvider(), database, connectionString);
        if (migrate)
        {
            await result.MigrateAsync(migrateTo);
        }

        return result;
    }

    /// <summary>Applies the migrations up to <paramref name="target"/> (null: all of them).</summary>
    public async Task MigrateAsync(string? target = null)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var migrations = db.Database.GetMigrations().ToList();
        await db.Database.MigrateAsync(target is null ? null : migrations.Single(m => m.EndsWith("_" + target, StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
