using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace WebMail.Web.Account;

/// <summary>
/// Every 20 s, per open tab: is the sign-in still there? For SSO sign-ins this also refreshes the access
/// token before it expires, so a refused refresh (revoked at the provider) ends the tab's session promptly.
/// </summary>
public sealed class SignInRevalidatingStateProvider(ILoggerFactory loggerFactory, SignInStore store, OidcTokenRefresher refresher)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(20);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var sid = authenticationState.User.FindFirstValue(AccountExtensions.SessionIdClaim);
        if (sid is null)
        {
            return false;
        }

        return store.IsPasswordSignIn(sid) || await refresher.GetAccessTokenAsync(sid, cancellationToken) is not null;
    }
}
