using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WebMail.Mail;
using WebMail.Web.Cluster;

namespace WebMail.Web.Account;

/// <summary>
/// Hands out a valid access token for an OIDC sign-in, refreshing it at the provider shortly before it
/// expires. One refresh at a time per sign-in, so two tabs asking together cause one refresh call; with several
/// instances, one at a time across them all (a lock in Redis, <see cref="IClusterCoordination"/>), and the one that
/// waited uses the other's result from the database.
/// Only a refusal (revoked, expired refresh token) or a missing refresh token on an expired access
/// token ends the sign-in, with a reason the user will read. A provider that cannot be reached ends
/// nothing: the sign-in stays, <see cref="SignInHealth"/> tells its tabs, and retries back off.
/// </summary>
public sealed partial class OidcTokenRefresher(
    SignInStore store,
    OidcRefreshClient client,
    SignInHealth health,
    IOptions<AuthenticationOptions> options,
    TimeProvider time,
    ILogger<OidcTokenRefresher> logger,
    IClusterCoordination? coordination = null)
{
    private readonly IClusterCoordination _cluster = coordination ?? new LocalClusterCoordination();

    /// <summary>What the mail layer reports when it needs a new token to log in and the provider cannot be reached (worded by <see cref="Localization.MailSentences"/>).</summary>
    public static readonly string ExpiredWhileUnreachableSentence =
        Resources.Strings.Key("Your sign-in provider cannot be reached to renew your access to the mail server; you stay signed in and we retry.");

    /// <summary>How long a refresh may hold the lock shared by the instances (the refresh request's timeout and some).</summary>
    internal static readonly TimeSpan RefreshLockLifetime = OidcRefreshClient.RequestTimeout + TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>How many refresh requests were sent to the provider (operators and tests read it).</summary>
    public int RefreshCount => client.RequestCount;

    /// <summary>
    /// A token with more than the configured margin left (refreshed if needed); null when the sign-in has ended.
    /// Throws <see cref="MailUnavailableException"/> when the token has expired and the provider cannot be reached.
    /// </summary>
    public async Task<string?> GetAccessTokenAsync(string sid, CancellationToken cancellationToken = default)
    {
        var result = await GetTokenAsync(sid, cancellationToken);
        return result.State switch
        {
            AccessTokenState.Ended => null,
            _ when result.AccessToken is { } token => token,
            _ => throw new MailUnavailableException(ExpiredWhileUnreachableSentence),
        };
    }

    /// <summary>The sign-in's token and its state: valid, provider unreachable (token still usable or not), or ended.</summary>
    public async Task<AccessTokenResult> GetTokenAsync(string sid, CancellationToken cancellationToken = default)
    {
        var gate = _locks.GetOrAdd(sid, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Read inside the lock: a concurrent caller may just have refreshed.
            var (answer, tokens) = await ReadAsync(sid, cancellationToken);
            if (answer is { } now)
            {
                return now;
            }

            // Providers rotate refresh tokens: two instances using one would sign the user out. With several
            // instances, one refresh per sign-in at a time across them all; whoever waited reads the other's result.
            await using var shared = await _cluster.AcquireAsync("refresh:" + IClusterCoordination.Hash(sid), RefreshLockLifetime, cancellationToken);
            if (shared.State == ClusterLockState.TimedOut)
            {
                return new AccessTokenResult(AccessTokenState.ProviderUnreachable, Usable(tokens!));
            }

            if (shared.State == ClusterLockState.Shared)
            {
                (answer, tokens) = await ReadAsync(sid, cancellationToken);
                if (answer is { } refreshedElsewhere)
                {
                    return refreshedElsewhere;
                }
            }

            return await RefreshAsync(sid, tokens!, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>What to answer without a refresh (ended, still valid, nothing to refresh with, backing off), or null and the tokens to refresh.</summary>
    private async Task<(AccessTokenResult? Answer, OidcTokens? Tokens)> ReadAsync(string sid, CancellationToken cancellationToken)
    {
        if (await store.FindOidcAsync(sid, cancellationToken) is not { } found)
        {
            await ForgetAsync(sid);
            return (AccessTokenResult.Ended, null);
        }

        var tokens = found.Tokens;
        var now = time.GetUtcNow();
        var margin = TimeSpan.FromSeconds(options.Value.Oidc.RefreshBeforeExpirySeconds);
        if (tokens.ExpiresUtc - now.UtcDateTime > margin)
        {
            return (new AccessTokenResult(AccessTokenState.Valid, tokens.AccessToken), tokens);
        }

        var usable = Usable(tokens);
        if (tokens.RefreshToken is null)
        {
            // Nothing to refresh with: use the token to its end, then the sign-in is over.
            return (usable is not null
                ? new AccessTokenResult(AccessTokenState.Valid, usable)
                : await EndAsync(sid, SignInEndReason.NoRefreshToken, cancellationToken), tokens);
        }

        // The provider was unreachable moments ago: wait for the backoff, whoever asks.
        return health.NextAttemptAt(sid) > now ? (new AccessTokenResult(AccessTokenState.ProviderUnreachable, usable), tokens) : (null, tokens);
    }

    private async Task<AccessTokenResult> RefreshAsync(string sid, OidcTokens tokens, CancellationToken cancellationToken)
    {
        var outcome = await client.RefreshAsync(tokens, cancellationToken);
        switch (outcome.Result)
        {
            case RefreshResult.Refreshed:
                await store.SaveTokensAsync(sid, outcome.Tokens!, cancellationToken);
                await health.ReportHealthyAsync(sid);
                return new AccessTokenResult(AccessTokenState.Valid, outcome.Tokens!.AccessToken);
            case RefreshResult.Refused:
                return await EndAsync(sid, SignInEndReason.Revoked, cancellationToken);
            default:
                await health.ReportUnreachableAsync(sid);
                return new AccessTokenResult(AccessTokenState.ProviderUnreachable, Usable(tokens));
        }
    }

    /// <summary>The access token while it has not expired.</summary>
    private string? Usable(OidcTokens tokens) => tokens.ExpiresUtc > time.GetUtcNow().UtcDateTime ? tokens.AccessToken : null;

    private async Task<AccessTokenResult> EndAsync(string sid, string reason, CancellationToken cancellationToken)
    {
        if (reason == SignInEndReason.NoRefreshToken)
        {
            LogEndedWithoutRefreshToken(logger);
        }
        else
        {
            LogEndedRefused(logger);
        }

        await store.EndAsync(sid, reason, cancellationToken);
        await ForgetAsync(sid);
        return AccessTokenResult.Ended;
    }

    private async Task ForgetAsync(string sid)
    {
        _locks.TryRemove(sid, out _);
        await health.ReportHealthyAsync(sid);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The identity provider refused to refresh a sign-in; it has been ended")]
    private static partial void LogEndedRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "A sign-in's access token expired and the identity provider had issued no refresh token (offline_access not granted); the sign-in has been ended")]
    private static partial void LogEndedWithoutRefreshToken(ILogger logger);
}

/// <summary>Where a sign-in's token stands.</summary>
public enum AccessTokenState
{
    /// <summary>The token is good for more than the refresh margin, or was just refreshed.</summary>
    Valid,

    /// <summary>It needed a refresh and the provider cannot be reached; the sign-in stays. The token may still be usable, or have expired.</summary>
    ProviderUnreachable,

    /// <summary>The sign-in is over (signed out, refused at the provider, or expired without a refresh token).</summary>
    Ended,
}

/// <summary>A sign-in's token state and, when still usable, the access token.</summary>
public readonly record struct AccessTokenResult(AccessTokenState State, string? AccessToken)
{
    public static AccessTokenResult Ended { get; } = new(AccessTokenState.Ended, null);
}
