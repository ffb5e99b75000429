using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace WebMail.Web.Account;

/// <summary>
/// Every 20 s, per open tab: is the sign-in still there? An open tab counts as activity (its idle time restarts),
/// and an expired sign-in ends here. For SSO sign-ins this also refreshes the access token before it expires, so
/// a refused refresh (revoked at the provider) ends the tab's session promptly. A provider that cannot be reached
/// ends nothing: the tab stays signed in, checks every 5 s meanwhile (the refresher's backoff decides when a
/// request is really sent), and its notice clears on the first success. A sign-in ended elsewhere (sign-out in
/// another tab, "Signed-in devices", expiry) signs the tab out at once, without waiting for the next check.
/// </summary>
public sealed partial class SignInRevalidatingStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly TimeSpan Normal = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan WhileUnreachable = TimeSpan.FromSeconds(5);
    private readonly ILogger _logger;
    private readonly SignInStore _store;
    private readonly OidcTokenRefresher _refresher;
    private readonly SignInEvents _events;
    private readonly Lock _lock = new();
    private TimeSpan _interval = Normal;
    private string? _followed;
    private IDisposable? _subscription;

    public SignInRevalidatingStateProvider(ILoggerFactory loggerFactory, SignInStore store, OidcTokenRefresher refresher, SignInEvents events)
        : base(loggerFactory)
    {
        _logger = loggerFactory.CreateLogger<SignInRevalidatingStateProvider>();
        _store = store;
        _refresher = refresher;
        _events = events;
        AuthenticationStateChanged += Follow;
    }

    // The base class reads this before every wait, so the pace follows the last outcome.
    protected override TimeSpan RevalidationInterval => _interval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var sid = authenticationState.User.FindFirstValue(AccountExtensions.SessionIdClaim);
        if (sid is null)
        {
            return false;
        }

        try
        {
            // The tab is open: that is activity. An expired sign-in is ended here (and the tab told).
            if (!await _store.SeenAsync(sid, cancellationToken))
            {
                return false;
            }

            if (_store.IsPasswordSignIn(sid))
            {
                return true;
            }

            var result = await _refresher.GetTokenAsync(sid, cancellationToken);
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

    /// <summary>Listens for the end of the tab's own sign-in, whichever it is now.</summary>
    private void Follow(Task<AuthenticationState> state)
    {
        if (!state.IsCompletedSuccessfully)
        {
            return;
        }

        var sid = state.Result.User.FindFirstValue(AccountExtensions.SessionIdClaim);
        lock (_lock)
        {
            if (sid == _followed)
            {
                return;
            }

            _subscription?.Dispose();
            _followed = sid;
            _subscription = sid is null ? null : _events.Subscribe(sid, OnEnded);
        }
    }

    private Task OnEnded(EndedSignIn ended)
    {
        // The user signed out (a form POST whose answer leads to "You have been signed out."): the tab that posted must
        // not race its own redirect; other tabs of that sign-in leave at their next check.
        if (ended.Reason is null)
        {
            return Task.CompletedTask;
        }

        // Ended by WebMail or from another device: the router shows the sign-in page (RedirectToLogin), which says why.
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
        return Task.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AuthenticationStateChanged -= Follow;
            lock (_lock)
            {
                _subscription?.Dispose();
                _subscription = null;
            }
        }

        base.Dispose(disposing);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check a sign-in; the tab stays signed in and checks again: {Error}")]
    private static partial void LogCheckFailed(ILogger logger, string error);
}
