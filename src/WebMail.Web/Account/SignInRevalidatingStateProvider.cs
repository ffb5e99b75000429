using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace WebMail.Web.Account;

/// <summary>
/// Every 20 s, per open tab: is the sign-in still there? For SSO sign-ins this also refreshes the access
/// token before it expires, so a refused refresh (revoked at the provider) ends the tab's session promptly.
/// A provider that cannot be reached ends nothing: the tab stays signed in, checks every 5 s meanwhile (the
/// refresher's backoff decides when a request is really sent), and its notice clears on the first success.
/// </summary>
public sealed partial class SignInRevalidatingStateProvider(ILoggerFactory loggerFactory, SignInStore store, OidcTokenRefresher refresher)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    private static readonly TimeSpan Normal = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan WhileUnreachable = TimeSpan.FromSeconds(5);
    private readonly ILogger _logger = loggerFactory.CreateLogger<SignInRevalidatingStateProvider>();
    private TimeSpan _interval = Normal;

    // The base class reads this before every wait, so the pace follows the last outcome.
    protected override TimeSpan RevalidationInterval => _interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var sid = authenticationState.User.FindFirstValue(AccountExtensions.SessionIdClaim);
        if (sid is null)
        {
            return false;
        }

        if (store.IsPasswordSignIn(sid))
        {
            return true;
        }

        try
        {
            var result = await refresher.GetTokenAsync(sid, cancellationToken);
            _interval = result.State == AccessTokenState.ProviderUnreachable ? WhileUnreachable : Normal;
            return result.State != AccessTokenState.Ended;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The base class would sign the tab out on any exception: a failure to check (database,
            // provider) is not a revocation. The cookie is still checked against the store on every request.
            LogCheckFailed(_logger, ex.GetType().Name);
            _interval = WhileUnreachable;
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check a sign-in; the tab stays signed in and checks again: {Error}")]
    private static partial void LogCheckFailed(ILogger logger, string error);
}
