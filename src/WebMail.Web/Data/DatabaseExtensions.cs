using Microsoft.EntityFrameworkCore;

namespace WebMail.Web.Data;

/// <summary>Wires the settings database and migrates it at start.</summary>
public static class DatabaseExtensions
{
    public static WebApplicationBuilder AddWebMailDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.ResolveConnectionString(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddDbContextFactory<WebMailDbContext>(db => db.UseSqlite(connectionString));
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddSingleton<ContactStore>();
        builder.Services.AddSingleton<IdentityStore>();
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

    /// <summary>SQLite connection string; empty means <c>Data Source={WebMail:DataDirectory}/webmail.db</c>.</summary>
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
