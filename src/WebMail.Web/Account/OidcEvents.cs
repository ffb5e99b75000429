using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using WebMail.Mail;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sessions;

namespace WebMail.Web.Account;

/// <summary>
/// The OpenID Connect client: code flow with PKCE, and the moment a sign-in completes — the access token
/// must log in to IMAP before the user gets a session, and the tokens go to the server-side store, not
/// into the cookie.
/// </summary>
public static partial class OidcEvents
{
    public const string IdTokenHintItem = "webmail:id_token_hint";

    public static void Configure(OpenIdConnectOptions o, OidcSignInOptions settings)
    {
        o.Authority = settings.Authority;
        if (!string.IsNullOrEmpty(settings.MetadataAddress))
        {
            o.MetadataAddress = settings.MetadataAddress;
        }

        o.ClientId = settings.ClientId;
        o.ClientSecret = settings.ClientSecret;
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;

        // The code comes back on a top-level GET (not form_post), so the correlation and nonce cookies can
        // be SameSite=Lax and work on plain-http development hosts as well as behind TLS.
        o.ResponseMode = OpenIdConnectResponseMode.Query;
        o.CorrelationCookie.SameSite = SameSiteMode.Lax;
        o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.NonceCookie.SameSite = SameSiteMode.Lax;
        o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        o.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        o.MapInboundClaims = false;
        o.SaveTokens = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.Scope.Clear();
        foreach (var scope in settings.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            o.Scope.Add(scope);
        }

        // RFC 8707 and prompt (e.g. consent, for offline_access), for providers that need them.
        o.Resource = string.IsNullOrEmpty(settings.Resource) ? null : settings.Resource;
        o.Prompt = string.IsNullOrEmpty(settings.Prompt) ? null : settings.Prompt;
        o.Events.OnAuthorizationCodeReceived = context =>
        {
            if (o.Resource is { } resource && context.TokenEndpointRequest is { } request)
            {
                request.Resource = resource;
            }

            return Task.CompletedTask;
        };

        o.CallbackPath = "/signin-oidc";
        o.SignedOutCallbackPath = "/signout-callback-oidc";
        o.SignedOutRedirectUri = "/account/login?signedOut=1";
        o.Events.OnTokenValidated = context => CompleteSignInAsync(context, settings);
        o.Events.OnRemoteFailure = context =>
        {
            LogRemoteFailure(Logger(context.HttpContext), context.Failure?.GetType().Name ?? "unknown");
            context.HandleResponse();
            context.Response.Redirect("/account/problem?code=provider");
            return Task.CompletedTask;
        };
        o.Events.OnRedirectToIdentityProvider = context =>
        {
            // Google issues refresh tokens only on request (it has no offline_access scope).
            if (Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority) && authority.Host == "accounts.google.com")
            {
                context.ProtocolMessage.SetParameter("access_type", "offline");
                context.ProtocolMessage.Prompt ??= "consent";
            }

            return Task.CompletedTask;
        };
        o.Events.OnRedirectToIdentityProviderForSignOut = context =>
        {
            if (context.Properties.Items.TryGetValue(IdTokenHintItem, out var hint) && hint is not null)
            {
                context.ProtocolMessage.IdTokenHint = hint;
            }

            return Task.CompletedTask;
        };
    }

    private static async Task CompleteSignInAsync(TokenValidatedContext context, OidcSignInOptions settings)
    {
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal!;
        var user = principal.FindFirstValue(settings.UserNameClaim) ?? principal.FindFirstValue(settings.FallbackUserNameClaim);
        var response = context.TokenEndpointResponse;
        if (string.IsNullOrWhiteSpace(user) || response?.AccessToken is null)
        {
            Fail(context, "noaccount", null);
            return;
        }

        var expiresIn = int.TryParse(response.ExpiresIn, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : 300;
        var time = services.GetRequiredService<TimeProvider>();
        var tokens = new OidcTokens(response.AccessToken, response.RefreshToken, response.IdToken, time.GetUtcNow().UtcDateTime.AddSeconds(expiresIn));
        try
        {
            // The same token that will log in to IMAP and SMTP: prove it works before the session exists.
            await services.GetRequiredService<ImapSessionPool>().VerifyAsync(new OAuthCredential(user, tokens.AccessToken), context.HttpContext.RequestAborted);
        }
        catch (MailAuthenticationException)
        {
            Fail(context, "nomailbox", user);
            return;
        }
        catch (MailException)
        {
            Fail(context, "unavailable", null);
            return;
        }

        if (tokens.RefreshToken is null)
        {
            LogNoRefreshToken(Logger(context.HttpContext), expiresIn);
        }

        var sid = await services.GetRequiredService<SignInStore>().AddOidcAsync(user, tokens, SignInDevice.From(context.HttpContext), context.HttpContext.RequestAborted);
        context.Principal = AccountExtensions.CreatePrincipal(user, sid, "oidc");
    }

    private static void Fail(TokenValidatedContext context, string code, string? user)
    {
        LogSignInRefused(Logger(context.HttpContext), code);
        context.HandleResponse();
        var query = user is null ? "" : "&user=" + Uri.EscapeDataString(user);
        context.Response.Redirect($"/account/problem?code={code}{query}");
    }

    private static ILogger Logger(HttpContext context) => context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("WebMail.Web.Account.Oidc");

    [LoggerMessage(Level = LogLevel.Warning, Message = "SSO sign-in failed at the provider: {Error}")]
    private static partial void LogRemoteFailure(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The identity provider issued no refresh token (offline_access not granted; some providers grant it only with Oidc:Prompt consent); this sign-in ends when its access token expires in {Seconds} s")]
    private static partial void LogNoRefreshToken(ILogger logger, int seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "SSO sign-in refused: {Code}")]
    private static partial void LogSignInRefused(ILogger logger, string code);
}
