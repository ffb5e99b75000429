using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WebMail.DevIdentityProvider;

namespace WebMail.Testing.Web;

/// <summary>
/// The dev identity provider (src/WebMail.DevIdentityProvider) in-process on a free loopback port, signing with
/// the running mail stack's key, so its access tokens log in to the stack's Dovecot and Postfix.
/// Its issuer is its own address (<see cref="Authority"/>); Dovecot does not pin the issuer.
/// </summary>
public sealed class DevIdentityProviderHost : WebApplicationFactory<DevIdentityProvider.Program>
{
    /// <summary>The client registered at the provider: WebMail, with any loopback port's /signin-oidc as redirect.</summary>
    public const string ClientId = "webmail";

    public const string ClientSecret = "webmail-dev-secret";

    /// <summary>Scopes WebMail asks for; <c>mail</c> puts the audience Dovecot requires into the access token.</summary>
    public const string Scopes = "openid profile email offline_access mail";

    private readonly Lock _startLock = new();

    /// <param name="accessTokenLifetime">Lifetime of the access tokens it issues; default 5 minutes.</param>
    public DevIdentityProviderHost(TimeSpan? accessTokenLifetime = null)
    {
        AccessTokenLifetime = accessTokenLifetime ?? TimeSpan.FromMinutes(5);

        // The host finds the content root by this variable before any other way (see KestrelWebMailFactory).
        Environment.SetEnvironmentVariable(
            "ASPNETCORE_TEST_CONTENTROOT_WEBMAIL_DEVIDENTITYPROVIDER", Path.Combine(Repository.Root, "src", "WebMail.DevIdentityProvider"));
        UseKestrel(0);
    }

    /// <summary>Lifetime of the access tokens (whole seconds; at least one).</summary>
    public TimeSpan AccessTokenLifetime { get; }

    /// <summary>The mail stack's signing key: <c>WEBMAIL_IDP_SIGNING_KEY</c>, else <c>$WEBMAIL_STACK_DIR/oauth2/signing-key.pem</c>.</summary>
    public static string SigningKeyPath =>
        Environment.GetEnvironmentVariable("WEBMAIL_IDP_SIGNING_KEY") is { Length: > 0 } path
            ? path
            : Path.Combine(MailStack.StackDirectory, "oauth2", "signing-key.pem");

    /// <summary>The issuer URL with a trailing slash (e.g. <c>http://127.0.0.1:41234/</c>): the OIDC authority. Starts the provider.</summary>
    public string Authority => BaseAddress + "/";

    /// <summary>The provider's origin without a trailing slash. Starts the provider.</summary>
    public string BaseAddress
    {
        get
        {
            lock (_startLock)
            {
                StartServer();
            }

            return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        }
    }

    /// <summary>Revokes every token and authorization of <paramref name="email"/>: the next refresh fails with invalid_grant.</summary>
    public async Task RevokeUserAsync(string email, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(new Uri($"{Authority}dev/users/{Uri.EscapeDataString(email)}/revoke"), content: null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Empty issuer: taken from the request, i.e. this host's random port.
        builder.UseSetting("DevIdentityProvider:Issuer", "");
        builder.UseSetting("DevIdentityProvider:SigningKeyPath", SigningKeyPath);
        builder.UseSetting(
            "DevIdentityProvider:AccessTokenLifetimeSeconds",
            Math.Max(1, (int)Math.Ceiling(AccessTokenLifetime.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("DevIdentityProvider:ClientId", ClientId);
        builder.UseSetting("DevIdentityProvider:ClientSecret", ClientSecret);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}
