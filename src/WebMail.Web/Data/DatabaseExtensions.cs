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

/// <summary>Creates the database or applies pending migrations before the server takes requests.</summary>
internal sealed class DatabaseMigrator(IDbContextFactory<WebMailDbContext> databases) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
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
