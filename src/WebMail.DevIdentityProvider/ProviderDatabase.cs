using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace WebMail.DevIdentityProvider;

/// <summary>OpenIddict's applications, authorizations, scopes and tokens (EF Core stores).</summary>
internal sealed class DevIdentityDbContext(DbContextOptions<DevIdentityDbContext> options) : DbContext(options);

/// <summary>
/// The provider's database: SQLite in memory, one per running provider, kept alive by one open connection.
/// Nothing is written to disk, so parallel test hosts never share state, and a restart forgets every grant
/// (apps then simply sign in again) — the right life span for a development provider whose encryption key
/// for codes and refresh tokens is ephemeral too.
/// </summary>
internal sealed class InMemoryDatabase : IDisposable
{
    private readonly SqliteConnection _keepAlive;

    public InMemoryDatabase()
    {
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"webmail-dev-idp-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        _keepAlive = new SqliteConnection(ConnectionString);
        _keepAlive.Open();
    }

    public string ConnectionString { get; }

    public void Dispose() => _keepAlive.Dispose();
}

/// <summary>Creates the schema and registers the one client (WebMail) and the <c>mail</c> scope, before the first request.</summary>
internal sealed class ProviderSeeder(
    IServiceScopeFactory scopes, IOptions<DevIdentityProviderOptions> options, IOptionsMonitor<OpenIddictServerOptions> server) : IHostedService
{
    /// <summary>Registered redirect URIs: on a loopback host, any port matches (see LoopbackApplicationManager).</summary>
    public static readonly string[] RedirectUris = ["http://127.0.0.1/signin-oidc", "http://localhost/signin-oidc"];

    public static readonly string[] PostLogoutRedirectUris = ["http://127.0.0.1/signout-callback-oidc", "http://localhost/signout-callback-oidc"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Builds OpenIddict's settings (keys, handlers) now rather than in the first request.
        _ = server.CurrentValue;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DevIdentityDbContext>();
        await db.Database.EnsureCreatedAsync(cancellationToken);

        var scopeManager = scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        if (await scopeManager.FindByNameAsync(DevTokenFormat.MailScope, cancellationToken) is null)
        {
            await scopeManager.CreateAsync(
                new OpenIddictScopeDescriptor
                {
                    Name = DevTokenFormat.MailScope,
                    DisplayName = "Read and send your mail",
                    Resources = { DevTokenFormat.MailAudience },
                },
                cancellationToken);
        }

        var settings = options.Value;
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(settings.ClientId, cancellationToken) is null)
        {
            await applications.CreateAsync(ClientDescriptor(settings), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static OpenIddictApplicationDescriptor ClientDescriptor(DevIdentityProviderOptions settings)
    {
        var client = new OpenIddictApplicationDescriptor
        {
            ClientId = settings.ClientId,
            ClientSecret = settings.ClientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "WebMail",
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email,
                Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + DevTokenFormat.MailScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in RedirectUris)
        {
            client.RedirectUris.Add(new Uri(uri));
        }

        foreach (var uri in PostLogoutRedirectUris)
        {
            client.PostLogoutRedirectUris.Add(new Uri(uri));
        }

        return client;
    }
}
