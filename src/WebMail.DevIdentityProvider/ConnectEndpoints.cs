using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace WebMail.DevIdentityProvider;

/// <summary>
/// The OpenID Connect endpoints that OpenIddict hands to the app ("passthrough"): authorization (who is signed
/// in, which claims go where), token (fresh claims at every code exchange and refresh), end-session
/// and userinfo. Discovery, keys and revocation are answered by OpenIddict itself.
/// </summary>
internal static class ConnectEndpoints
{
    public const string Authorize = "connect/authorize";
    public const string Token = "connect/token";
    public const string EndSession = "connect/endsession";
    public const string UserInfo = "connect/userinfo";
    public const string Revoke = "connect/revoke";

    public static void MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/" + Authorize, [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).DisableAntiforgery();
        app.MapPost("/" + Token, (Delegate)ExchangeAsync).DisableAntiforgery();
        app.MapMethods("/" + EndSession, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSessionAsync).DisableAntiforgery();
        app.MapMethods("/" + UserInfo, [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfoAsync).DisableAntiforgery();
    }

    private static async Task<IResult> AuthorizeAsync(
        HttpContext http,
        IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations,
        IOpenIddictScopeManager scopes)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await http.AuthenticateAsync(DevIdentityProviderSetup.SessionScheme);
        var user = session.Succeeded ? DevUsers.Find(session.Principal.FindFirstValue(Claims.Email)) : null;

        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            // Back here after the sign-in form, without "prompt" (so prompt=login asks only once).
            var parameters = http.Request.HasFormContentType ? [.. http.Request.Form] : http.Request.Query.ToList();
            var returnUrl = http.Request.PathBase + http.Request.Path + QueryString.Create(parameters.Where(p => p.Key != Parameters.Prompt));
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [DevIdentityProviderSetup.SessionScheme]);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted) ??
            throw new InvalidOperationException("The client application cannot be found.");
        var clientId = await applications.GetIdAsync(application, http.RequestAborted);

        var identity = NewIdentity(user);
        identity.SetScopes(request.GetScopes());
        identity.SetResources(await scopes.ListResourcesAsync(identity.GetScopes(), http.RequestAborted).ToListAsync(http.RequestAborted));

        // One permanent authorization per user, client and scopes: what /dev/users/{email}/revoke revokes.
        var existing = await authorizations.FindAsync(user.Subject, clientId, Statuses.Valid, AuthorizationTypes.Permanent, identity.GetScopes(), http.RequestAborted)
            .ToListAsync(http.RequestAborted);
        var authorization = existing.LastOrDefault() ??
            await authorizations.CreateAsync(identity, user.Subject, clientId!, AuthorizationTypes.Permanent, identity.GetScopes(), http.RequestAborted);
        identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization, http.RequestAborted));
        identity.SetDestinations(Destinations);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return Forbid(Errors.UnsupportedGrantType, "Only authorization_code and refresh_token are supported.");
        }

        // OpenIddict has already checked the code or refresh token (signature, expiry, revocation, PKCE).
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = DevUsers.Find(result.Principal?.GetClaim(Claims.Email));
        if (result.Principal is null || user is null)
        {
            return Forbid(Errors.InvalidGrant, "The user is no longer known to the provider.");
        }

        // Keep OpenIddict's own claims (scopes, resources, authorization id), refresh the user's.
        var identity = new ClaimsIdentity(result.Principal.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.PreferredUsername, user.Email);
        identity.SetDestinations(Destinations);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> EndSessionAsync(HttpContext http)
    {
        // OpenIddict has validated id_token_hint and post_logout_redirect_uri (which it then redirects to).
        await http.SignOutAsync(DevIdentityProviderSetup.SessionScheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> UserInfoAsync(HttpContext http)
    {
        // OpenIddict has validated the access token; the claims come from the user as known now.
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (result.Principal is not { } principal || DevUsers.Find(principal.GetClaim(Claims.Email)) is not { } user)
        {
            return Results.Challenge(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user is no longer known to the provider.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Subject };
        if (principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = true;
        }

        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.Name;
            claims[Claims.PreferredUsername] = user.Email;
        }

        return Results.Ok(claims);
    }

    private static ClaimsIdentity NewIdentity(DevUser user)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Subject)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.Name, user.Name)
            .SetClaim(Claims.PreferredUsername, user.Email);
        return identity;
    }

    /// <summary>
    /// Access tokens always carry <c>email</c> (Dovecot's user name); identity tokens carry <c>email</c> with the
    /// email scope, <c>name</c> and <c>preferred_username</c> with the profile scope.
    /// </summary>
    private static IEnumerable<string> Destinations(Claim claim)
    {
        var identity = claim.Subject ?? throw new InvalidOperationException("A claim without identity.");
        var scopes = identity.GetScopes();
        return claim.Type switch
        {
            Claims.Email when scopes.Contains(Scopes.Email) => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
            Claims.Email => [OpenIddictConstants.Destinations.AccessToken],
            Claims.Name or Claims.PreferredUsername when scopes.Contains(Scopes.Profile) => [OpenIddictConstants.Destinations.IdentityToken],
            Claims.Name or Claims.PreferredUsername => [],
            // sub (which OpenIddict puts into both tokens anyway) and anything else: access token.
            _ => [OpenIddictConstants.Destinations.AccessToken],
        };
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
