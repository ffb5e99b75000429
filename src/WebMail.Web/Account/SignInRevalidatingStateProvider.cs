using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace WebMail.Web.Account;

/// <summary>Ends a circuit's signed-in state soon after its sign-in is gone (signed out in another tab, app restarted).</summary>
public sealed class SignInRevalidatingStateProvider(ILoggerFactory loggerFactory, ServerCredentialStore store)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(20);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        Task.FromResult(store.Contains(authenticationState.User.FindFirstValue(AccountExtensions.SessionIdClaim)));
}
