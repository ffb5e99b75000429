using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using WebMail.Mail;

namespace WebMail.Web.Account;

/// <summary>
/// Hands out a valid access token for an OIDC sign-in, refreshing it at the provider shortly before it
/// expires. One refresh at a time per sign-in, so two tabs asking together cause one refresh call. A
/// refresh the provider refuses (revoked, expired) ends the sign-in with a reason the user will read.
/// </summary>
public sealed partial class OidcTokenRefresher(
    SignInStore store,
    IHttpClientFactory httpClients,
    IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
    IOptions<AuthenticationOptions> options,
    TimeProvider time,
    ILogger<OidcTokenRefresher> logger)
{
    public const string HttpClientName = "webmail-oidc";
    public const string RevokedReason = "Your sign-in at your identity provider has ended (it was revoked or it expired). Sign in again to continue.";
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private int _refreshCount;

    /// <summary>How many refresh requests were sent to the provider (operators and tests read it).</summary>
    public int RefreshCount => Volatile.Read(ref _refreshCount);

    /// <summary>A token with more than the configured margin left, refreshed if needed; null when the sign-in has ended.</summary>
    public async Task<string?> GetAccessTokenAsync(string sid, CancellationToken cancellationToken = default)
    {
        var gate = _locks.GetOrAdd(sid, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Read inside the lock: a concurrent caller may just have refreshed.
            if (await store.FindOidcAsync(sid, cancellationToken) is not { } found)
            {
                return null;
            }

            var tokens = found.Tokens;
            var margin = TimeSpan.FromSeconds(options.Value.Oidc.RefreshBeforeExpirySeconds);
            if (tokens.ExpiresUtc - time.GetUtcNow().UtcDateTime > margin)
            {
                return tokens.AccessToken;
            }

            var refreshed = await RefreshAsync(tokens, cancellationToken);
            if (refreshed is null)
            {
                LogRefreshRefused(logger);
                await store.EndAsync(sid, RevokedReason, cancellationToken);
                _locks.TryRemove(sid, out _);
                return null;
            }

            await store.SaveTokensAsync(sid, refreshed, cancellationToken);
            return refreshed.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>New tokens, or null when the provider refused the refresh token (the sign-in is over).</summary>
    private async Task<OidcTokens?> RefreshAsync(OidcTokens current, CancellationToken cancellationToken)
    {
        if (current.RefreshToken is null)
        {
            return null;
        }

        var oidc = oidcOptions.Get(OidcSignInOptions.Scheme);
        HttpResponseMessage response;
        try
        {
            var configuration = await oidc.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, configuration.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "refresh_token",
                    ["refresh_token"] = current.RefreshToken,
                    ["client_id"] = oidc.ClientId ?? "",
                    ["client_secret"] = oidc.ClientSecret ?? "",
                }),
            };
            Interlocked.Increment(ref _refreshCount);
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogProviderUnreachable(logger, ex.GetType().Name);
            if (current.ExpiresUtc > time.GetUtcNow().UtcDateTime)
            {
                return current;
            }

            throw new MailUnavailableException("Your identity provider cannot be reached to renew your sign-in. Try again in a moment.", ex);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new MailUnavailableException($"Your identity provider could not renew your sign-in ({(int)response.StatusCode}). Try again in a moment.");
            }

            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var access = root.GetProperty("access_token").GetString()!;
            var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 300;
            return new OidcTokens(
                access,
                root.TryGetProperty("refresh_token", out var r) ? r.GetString() : current.RefreshToken,
                root.TryGetProperty("id_token", out var i) ? i.GetString() : current.IdToken,
                time.GetUtcNow().UtcDateTime.AddSeconds(expiresIn));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The identity provider refused to refresh a sign-in; it has been ended")]
    private static partial void LogRefreshRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The identity provider cannot be reached to refresh a token: {Error}")]
    private static partial void LogProviderUnreachable(ILogger logger, string error);
}
