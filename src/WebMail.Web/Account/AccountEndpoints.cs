using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace WebMail.Web.Account;

/// <summary>Sign-out (a POST, never a GET) and the start of an SSO sign-in.</summary>
public static class AccountEndpoints
{
    public static WebApplication MapWebMailAccounts(this WebApplication app)
    {
        app.MapPost("/account/logout", SignOutAsync).DisableAntiforgery();
        app.MapGet("/account/sso", StartSso).AllowAnonymous();
        return app;
    }

    /// <summary>Sends the browser to the identity provider; it comes back to /signin-oidc.</summary>
    private static IResult StartSso(string? returnUrl, IOptions<AuthenticationOptions> options) =>
        options.Value.Oidc.Enabled
            ? Results.Challenge(new AuthenticationProperties { RedirectUri = SignInHandler.SafeReturnUrl(returnUrl) }, [OidcSignInOptions.Scheme])
            : Results.NotFound();

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, SignInStore store, IOptions<AuthenticationOptions> options)
    {
        // Validated here rather than by the middleware because this endpoint binds no form fields.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest("The sign-out request was not sent by WebMail's own page.");
        }

        // Its frames die and, if it was the user's last sign-in, the IMAP session closes (SignInLifetimeService).
        var ended = await store.EndAsync(context.User.FindFirstValue(AccountExtensions.SessionIdClaim), cancellationToken: context.RequestAborted);

        var signedOut = new AuthenticationProperties { RedirectUri = "/account/login?signedOut=1" };
        if (options.Value.Oidc.Enabled && context.User.FindFirstValue(ClaimTypes.AuthenticationMethod) == "oidc")
        {
            // RP-initiated logout: the provider ends its own session too, so the next sign-in asks again.
            if (ended?.IdToken is { } idToken)
            {
                signedOut.Items[OidcEvents.IdTokenHintItem] = idToken;
            }

            return Results.SignOut(signedOut, [CookieAuthenticationDefaults.AuthenticationScheme, OidcSignInOptions.Scheme]);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect(signedOut.RedirectUri);
    }
}
