using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace WebMail.Testing.Web;

/// <summary>
/// The second OpenID Connect provider implementation, panva's node oidc-provider (NodeOidcProvider/server.js),
/// as a child process on a free loopback port. It issues JWT access tokens for one RFC 8707 resource, signed
/// with the mail stack's key (Dovecot accepts them), grants offline_access only with prompt=consent, and
/// reports what its endpoints received. Its packages are installed with <c>npm ci</c> on first use.
/// </summary>
public sealed class NodeOidcProviderHost : IAsyncDisposable
{
    public const string ClientId = "webmail";

    public const string ClientSecret = "webmail-dev-secret";

    /// <summary>The resource indicator the provider knows: the mail server. Its tokens carry aud <c>webmail-mail</c>.</summary>
    public const string Resource = "https://mail.test.example/";

    public const string Scopes = "openid email offline_access mail";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;
    private readonly Task _stderr;

    private NodeOidcProviderHost(Process process, string authority, Task stderr)
    {
        _process = process;
        Authority = authority;
        _stderr = stderr;
    }

    /// <summary>The folder with package.json, package-lock.json and server.js.</summary>
    public static string Folder => Path.Combine(Repository.Root, "tests", "WebMail.Testing.Web", "NodeOidcProvider");

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Authority { get; }

    /// <summary>Installs the packages if needed and starts the provider; access tokens live <paramref name="accessTokenLifetime"/>.</summary>
    public static async Task<NodeOidcProviderHost> StartAsync(TimeSpan accessTokenLifetime, CancellationToken cancellationToken = default)
    {
        await EnsureInstalledAsync(cancellationToken);
        var psi = new ProcessStartInfo("node", "server.js")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        psi.Environment["SIGNING_KEY_PATH"] = DevIdentityProviderHost.SigningKeyPath;
        psi.Environment["ACCESS_TOKEN_TTL_SECONDS"] = Math.Max(1, (int)accessTokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        psi.Environment["RESOURCE"] = Resource;
        psi.Environment["CLIENT_ID"] = ClientId;
        psi.Environment["CLIENT_SECRET"] = ClientSecret;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the node OIDC provider did not start: {line} {await stderr}");
        }

        return new NodeOidcProviderHost(process, line["listening ".Length..].Trim(), stderr);
    }

    /// <summary>What the authorization and token endpoints received, oldest first (no secrets).</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> ReceivedAsync()
    {
        using var http = new HttpClient();
        return await http.GetFromJsonAsync<List<ReceivedRequest>>(new Uri(Authority + "/test/requests")) ?? [];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _stderr;
        _process.Dispose();
    }

    /// <summary><c>npm ci</c> when node_modules is missing or older than the lock file (deploy/prerequisites.sh does it too).</summary>
    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            var marker = Path.Combine(Folder, "node_modules", ".package-lock.json");
            if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
            {
                return;
            }

            var psi = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
            {
                WorkingDirectory = Folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
            };
            using var npm = Process.Start(psi) ?? throw new InvalidOperationException("npm did not start");
            npm.StandardInput.Close();
            var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = npm.StandardError.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {Folder} failed: {await output} {await error}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }
}

/// <summary>One request the node provider's authorization or token endpoint received.</summary>
public sealed record ReceivedRequest(
    [property: JsonPropertyName("route")] string Route,
    [property: JsonPropertyName("grantType")] string? GrantType,
    [property: JsonPropertyName("prompt")] string? Prompt,
    [property: JsonPropertyName("resource")] string? Resource,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("status")] int Status);
