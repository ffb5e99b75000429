using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace WebMail.DevIdentityProvider;

/// <summary>Wires the provider: settings, the in-memory store, OpenIddict's server, the sign-in cookie and the endpoints.</summary>
public static class DevIdentityProviderSetup
{
    /// <summary>The cookie scheme of the provider's own sign-in session.</summary>
    public const string SessionScheme = "DevIdentityProvider.Session";

    public static WebApplicationBuilder AddDevIdentityProvider(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Quiet defaults that any other configuration source (environment, command line) overrides.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData =
            [
                new("Logging:LogLevel:Default", "Information"),
                new("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
                new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning"),
            ],
        });

        var services = builder.Services;
        services.AddOptions<DevIdentityProviderOptions>()
            .BindConfiguration(DevIdentityProviderOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DevIdentityProviderOptions>, DevIdentityProviderOptionsValidator>();

        // Everything lives as long as the process: database, Data Protection keys (cookies, antiforgery) and
        // OpenIddict's encryption key for codes and refresh tokens. A restart starts clean.
        services.AddSingleton<InMemoryDatabase>();
        services.AddDbContext<DevIdentityDbContext>((provider, options) =>
        {
            options.UseSqlite(provider.GetRequiredService<InMemoryDatabase>().ConnectionString);
            options.UseOpenIddict();
        });
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddHostedService<ProviderSeeder>();

        // Cookies ignore ports: WebMail and this provider both live on 127.0.0.1, and tests run several
        // providers at once. A name per running instance keeps their cookies apart.
        var instance = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        services.AddAntiforgery(options => options.Cookie.Name = $".WebMail.DevIdp.{instance}.Antiforgery");
        services.AddAuthentication(SessionScheme)
            .AddCookie(SessionScheme, options =>
            {
                options.Cookie.Name = $".WebMail.DevIdp.{instance}.Session";
                options.LoginPath = SignInPage.Path;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
            });
        services.AddAuthorization();

        services.AddSingleton<SigningKeyHolder>();
        services.AddOpenIddict()
            .AddCore(options =>
            {
                options.UseEntityFrameworkCore().UseDbContext<DevIdentityDbContext>();
                options.ReplaceApplicationManager(typeof(LoopbackApplicationManager<>));
            })
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris(ConnectEndpoints.Authorize)
                    .SetTokenEndpointUris(ConnectEndpoints.Token)
                    .SetEndSessionEndpointUris(ConnectEndpoints.EndSession)
                    .SetUserInfoEndpointUris(ConnectEndpoints.UserInfo)
                    .SetRevocationEndpointUris(ConnectEndpoints.Revoke);
                options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange().AllowRefreshTokenFlow();
                options.RegisterScopes("openid", "profile", "email", "offline_access", DevTokenFormat.MailScope);
                // Dovecot validates access tokens itself, so they must be plain signed JWTs.
                options.DisableAccessTokenEncryption();
                // Codes and refresh tokens are encrypted with a random AES key that dies with the process, like the
                // database. (AddEphemeralEncryptionKey would generate an RSA key: ~2 s on the first request.)
                options.AddEncryptionKey(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)));
                options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    // Plain http on loopback, for development and tests only.
                    .DisableTransportSecurityRequirement();
            });

        // Issuer, lifetimes, signing key and token handler come from the validated settings.
        services.AddOptions<OpenIddictServerOptions>()
            .Configure<IOptions<DevIdentityProviderOptions>, SigningKeyHolder>((server, settings, key) =>
            {
                var dev = settings.Value;
                server.Issuer = dev.IssuerUri;
                server.AccessTokenLifetime = TimeSpan.FromSeconds(dev.AccessTokenLifetimeSeconds);
                server.RefreshTokenLifetime = TimeSpan.FromSeconds(dev.RefreshTokenLifetimeSeconds);
                server.SigningCredentials.Add(new SigningCredentials(key.Key, SecurityAlgorithms.RsaSha256));
                server.JsonWebTokenHandler = new DovecotAccessTokenHandler();
            });

        // "dotnet run" without --urls serves the issuer's address.
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) &&
            Uri.TryCreate(builder.Configuration[$"{DevIdentityProviderOptions.Section}:{nameof(DevIdentityProviderOptions.Issuer)}"] ?? DevTokenFormat.DefaultIssuer, UriKind.Absolute, out var issuer) &&
            issuer.IsLoopback)
        {
            builder.WebHost.UseUrls(issuer.GetLeftPart(UriPartial.Authority));
        }

        return builder;
    }

    public static WebApplication MapDevIdentityProvider(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapSignInPage();
        app.MapConnectEndpoints();
        app.MapDevAdminEndpoints();
        return app;
    }
}

/// <summary>The stack's RSA key as a signing key with the id Dovecot looks up; alive as long as the app.</summary>
internal sealed class SigningKeyHolder(IOptions<DevIdentityProviderOptions> options) : IDisposable
{
    private readonly RSA _rsa = SigningKey.Load(options.Value.SigningKeyPath);
    private RsaSecurityKey? _key;

    // IdentityModel's default factory caches signature providers process-wide by key id; another provider in
    // the same process (test hosts) would then sign with this instance's RSA after it is disposed. A factory
    // of its own, without that cache, keeps each provider's key to itself.
    public RsaSecurityKey Key => _key ??= new(_rsa)
    {
        KeyId = DevTokenFormat.KeyId,
        CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
    };

    public void Dispose() => _rsa.Dispose();
}
