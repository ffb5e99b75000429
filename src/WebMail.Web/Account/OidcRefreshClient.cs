using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace WebMail.Web.Account;

/// <summary>
/// One refresh-token request to the provider's token endpoint, and what its answer means: new tokens; a
/// refusal (400/401, e.g. <c>invalid_grant</c>: the sign-in is over); or "unreachable" (connection refused,
/// DNS, timeout, 5xx, 429, an unreadable answer: the provider is down, nothing was revoked).
/// </summary>
public sealed partial class OidcRefreshClient(
    IHttpClientFactory httpClients,
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    IOptions<AuthenticationOptions> options,
    TimeProvider time,
    ILogger<OidcRefreshClient> logger)
{
    public const string HttpClientName = "webmail-oidc";

    /// <summary>How long one refresh request may take before the provider counts as unreachable.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    private int _requestCount;

    /// <summary>How many refresh requests were sent to the provider (operators and tests read it).</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    public async Task<RefreshOutcome> RefreshAsync(OidcTokens current, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current.RefreshToken);
        var oidc = oidcOptions.Get(OidcSignInOptions.Scheme);
        HttpResponseMessage response;
        try
        {
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = current.RefreshToken,
                ["client_id"] = oidc.ClientId ?? "",
                ["client_secret"] = oidc.ClientSecret ?? "",
            };
            if (options.Value.Oidc.Resource is { Length: > 0 } resource)
            {
                form["resource"] = resource;
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
            Interlocked.Increment(ref _requestCount);
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Connection refused, DNS, timeout, TLS, or no discovery document (it is fetched lazily).
            return Unreachable(Describe(ex));
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                var error = ErrorCode(body) ?? "no error code";
                LogRefused(logger, (int)response.StatusCode, error);
                return new RefreshOutcome(RefreshResult.Refused, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return Unreachable($"HTTP {(int)response.StatusCode}");
            }

            try
            {
                return new RefreshOutcome(RefreshResult.Refreshed, Parse(body, current));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                return Unreachable("an unreadable token response");
            }
        }
    }

    private RefreshOutcome Unreachable(string error)
    {
        LogProviderUnreachable(logger, error);
        return new RefreshOutcome(RefreshResult.Unreachable, null);
    }

    private OidcTokens Parse(string body, OidcTokens current)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var access = root.GetProperty("access_token").GetString() ?? throw new InvalidOperationException("no access token");
        var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
        return new OidcTokens(
            access,
            root.TryGetProperty("refresh_token", out var r) && r.GetString() is { } refresh ? refresh : current.RefreshToken,
            root.TryGetProperty("id_token", out var i) && i.GetString() is { } id ? id : current.IdToken,
            time.GetUtcNow().UtcDateTime.AddSeconds(expiresIn));
    }

    /// <summary>The OAuth <c>error</c> code (e.g. invalid_grant); never the description, which may echo input.</summary>
    private static string? ErrorCode(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.GetString() is { Length: <= 64 } code && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
                ? code
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(Exception ex) =>
        ex is TaskCanceledException ? "timed out" : ex.InnerException is { } inner ? $"{ex.GetType().Name} ({inner.GetType().Name}: {inner.Message})" : $"{ex.GetType().Name}: {ex.Message}";

    [LoggerMessage(Level = LogLevel.Information, Message = "The identity provider refused to refresh a sign-in (HTTP {Status}, {Error})")]
    private static partial void LogRefused(ILogger logger, int status, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity provider cannot be reached to refresh a token: {Error}")]
    private static partial void LogProviderUnreachable(ILogger logger, string error);
}

/// <summary>What one refresh request came to.</summary>
public enum RefreshResult
{
    Refreshed,
    Refused,
    Unreachable,
}

/// <summary>The result of a refresh request, with the new tokens when it succeeded.</summary>
public readonly record struct RefreshOutcome(RefreshResult Result, OidcTokens? Tokens);
