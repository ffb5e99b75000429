using Microsoft.EntityFrameworkCore;

namespace WebMail.Web.Data;

/// <summary>Wires the settings database and migrates it at start.</summary>
public static class DatabaseExtensions
{
    public static WebApplicationBuilder AddWebMailDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .Validate(o => o.Provider != DatabaseProvider.PostgreSql || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "WebMail:Database:ConnectionString is required when WebMail:Database:Provider is PostgreSql (for example Host=db;Database=webmail;Username=webmail;Password=...).")
            .ValidateOnStart();
        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            // Several instances behind a proxy share this database (sign-ins, Data Protection keys).
            // Without retries, as on SQLite: a database that does not answer is a DbException (NpgsqlException) that the
            // pages catch and put into a sentence; Npgsql's default strategy would wrap it in an InvalidOperationException.
            builder.Services.AddDbContextFactory<PostgreSqlWebMailDbContext>(db => db.UseNpgsql(options.ConnectionString,
                npgsql => npgsql.ExecutionStrategy(dependencies => new Microsoft.EntityFrameworkCore.Storage.NonRetryingExecutionStrategy(dependencies))));
            builder.Services.AddSingleton<IDbContextFactory<WebMailDbContext>, PostgreSqlFactory>();
            builder.Services.AddScoped<WebMailDbContext>(sp => sp.GetRequiredService<IDbContextFactory<WebMailDbContext>>().CreateDbContext());
        }
        else
        {
            var connectionString = options.ResolveConnectionString(builder.Configuration, builder.Environment.ContentRootPath);
            builder.Services.AddDbContextFactory<WebMailDbContext>(db => db.UseSqlite(connectionString));
        }

        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddSingleton<ContactStore>();
        builder.Services.AddSingleton<ContactCollector>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ContactCollector>());
        builder.Services.AddSingleton<IdentityStore>();
        builder.Services.AddSingleton<ListViewPreferenceStore>();
        builder.Services.AddSingleton<LabelStore>();
        builder.Services.AddSingleton<OrganizeSettingsStore>();
        return builder;
    }
}

/// <summary>
/// Creates the database or applies pending migrations before the server takes requests, then makes sure the Data
/// Protection key ring has a key in use (<see cref="Account.KeyRingStart"/>). On PostgreSQL both happen under a
/// session advisory lock: replicas started together on an empty database (docker compose up) take turns instead of
/// both creating the same tables (one of them failing to start with "relation … already exists") or a key each.
/// </summary>
internal sealed class DatabaseMigrator(IDbContextFactory<WebMailDbContext> databases, IServiceProvider services, ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
{
    /// <summary>Any fixed number, the same in every instance: the advisory lock taken around migrating and the key check.</summary>
    internal const long StartLock = 0x57_65_62_4D_61_69_6C_53; // "WebMailS"

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(cancellationToken);
            Account.KeyRingStart.EnsureKey(services, logger);
            return;
        }

        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.InvalidCatalogName)
        {
            // No database yet: migrating creates it (a replica racing to do the same finds it made and carries on).
            await CreateDatabaseAsync(db, cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        var connection = db.Database.GetDbConnection();
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({StartLock})", cancellationToken);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
            Account.KeyRingStart.EnsureKey(services, logger);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({StartLock})", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task CreateDatabaseAsync(WebMailDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>(db).CreateAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Where settings live. Bound from <c>WebMail:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "WebMail:Database";

    /// <summary><c>Sqlite</c> (default: a file in the data folder) or <c>PostgreSql</c> (needs <see cref="ConnectionString"/>).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Connection string; for SQLite, empty means <c>Data Source={WebMail:DataDirectory}/webmail.db</c>.</summary>
    public string? ConnectionString { get; set; }

    internal string ResolveConnectionString(IConfiguration configuration, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        var dataDirectory = Path.GetFullPath(configuration["WebMail:DataDirectory"] is { Length: > 0 } dir ? dir : "data", contentRoot);
        Directory.CreateDirectory(dataDirectory);
        return $"Data Source={Path.Combine(dataDirectory, "webmail.db")}";
    }
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Hands out the PostgreSQL context wherever the app asks for the settings database.</summary>
internal sealed class PostgreSqlFactory(IDbContextFactory<PostgreSqlWebMailDbContext> inner) : IDbContextFactory<WebMailDbContext>
{
    public WebMailDbContext CreateDbContext() => inner.CreateDbContext();
}
