using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using WebMail.Mail.Credentials;
using WebMail.Web.Data;

namespace WebMail.Web.Account;

/// <summary>Cookie sessions backed by server-side sign-ins; password and/or OpenID Connect sign-in.</summary>
public static class AccountExtensions
{
    public const string SessionIdClaim = "webmail:sid";
    public const string SignOutReasonItem = "WebMail.SignOutReason";

    public static WebApplicationBuilder AddWebMailAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<AuthenticationOptions>().BindConfiguration(AuthenticationOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthenticationOptions>, AuthenticationOptionsValidator>();
        var options = builder.Configuration.GetSection(AuthenticationOptions.SectionName).Get<AuthenticationOptions>() ?? new();

        // Keys protect cookies, antiforgery tokens, passwords in memory and tokens at rest (DataProtectionSetup).
        builder.AddWebMailDataProtection();

        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        }).AddCookie(ConfigureCookie);
        if (options.Oidc.Enabled)
        {
            authentication.AddOpenIdConnect(OidcSignInOptions.Scheme, o => OidcEvents.Configure(o, options.Oidc));
        }

        builder.Services.AddHttpClient(OidcRefreshClient.HttpClientName, c => c.Timeout = OidcRefreshClient.RequestTimeout);

        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SignInRevalidatingStateProvider>();
        builder.Services.AddScoped<SignInHandler>();
        builder.Services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddOptions<SignInLifetimeOptions>().BindConfiguration(SignInLifetimeOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SignInLifetimeOptions>, SignInLifetimeOptionsValidator>();
        builder.Services.AddSingleton<SignInEvents>();
        builder.Services.AddSingleton<SignInStore>();
        builder.Services.AddHostedService<SignInLifetimeService>();

        // The cookie is a backstop that outlives the server-side sign-in, which decides (idle timeout, absolute lifetime,
        // ended elsewhere) and can say why on the sign-in page.
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SignInLifetimeOptions>>((cookie, lifetime) => cookie.ExpireTimeSpan = lifetime.Value.AbsoluteLifetime + TimeSpan.FromDays(1));
        builder.Services.AddSingleton<OidcRefreshClient>();
        builder.Services.AddSingleton<SignInHealth>();
        builder.Services.AddSingleton<OidcTokenRefresher>();
        builder.Services.AddSingleton<IMailCredentialSource, SignInCredentialSource>();
        return builder;
    }

    /// <summary>Builds the cookie principal of a verified sign-in: the user name and the sign-in id, nothing secret.</summary>
    public static ClaimsPrincipal CreatePrincipal(string userName, string sid, string method) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(SessionIdClaim, sid), new Claim(ClaimTypes.AuthenticationMethod, method)],
            CookieAuthenticationDefaults.AuthenticationScheme));

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.LoginPath = "/account/login";
        options.Cookie.Name = "webmail.auth";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.SlidingExpiration = false;
        options.Events.OnRedirectToLogin = context =>
        {
            // Carry "why" across the redirect, so the sign-in page explains instead of silently signing in again.
            var uri = context.HttpContext.Items[SignOutReasonItem] is string reason
                ? context.RedirectUri + (context.RedirectUri.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "ended=" + reason
                : context.RedirectUri;
            context.Response.Redirect(uri);
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            // The cookie is only as good as the server-side sign-in behind it; every request counts as activity.
            var store = context.HttpContext.RequestServices.GetRequiredService<SignInStore>();
            var sid = context.Principal?.FindFirstValue(SessionIdClaim);
            if (!await store.SeenAsync(sid, context.HttpContext.RequestAborted))
            {
                if (store.TakeEndReason(sid) is { } reason)
                {
                    context.HttpContext.Items[SignOutReasonItem] = reason;
                }

                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            }
        };
    }
}
