using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace WebMail.Web.Cluster;

/// <summary>
/// What a proxy in front of several instances needs from each of them: the <c>X-WebMail-Instance</c> response header
/// (which instance served) and the <c>webmail_affinity</c> cookie nginx hashes on (README, "Several instances behind
/// nginx"), set whenever the auth cookie is issued (password and SSO sign-in alike) and removed with it.
/// </summary>
public static class AffinitySetup
{
    public const string InstanceHeader = "X-WebMail-Instance";

    public static WebApplicationBuilder AddWebMailAffinity(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AffinityKey>();
        builder.Services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
        {
            var signedIn = cookie.Events.OnSignedIn;
            var signingOut = cookie.Events.OnSigningOut;
            cookie.Events.OnSignedIn = async context =>
            {
                await signedIn(context);
                await SetCookieAsync(context.HttpContext, context.Principal, context.Properties);
            };
            cookie.Events.OnSigningOut = async context =>
            {
                await signingOut(context);
                context.HttpContext.Response.Cookies.Delete(AffinityKey.CookieName, CookieOptions(context.HttpContext, null));
            };
        });
        return builder;
    }

    public static WebApplication UseWebMailAffinity(this WebApplication app)
    {
        // Read from the configuration, not IOptions: validating the options here (before the app runs) would turn a
        // malformed WebMail:Cluster:Redis into a stack trace instead of the start-time sentence naming it.
        var cluster = app.Configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        if (!string.IsNullOrWhiteSpace(cluster.InstanceName))
        {
            var name = cluster.EffectiveInstanceName;
            app.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[InstanceHeader] = name;
                    return Task.CompletedTask;
                });
                return next(context);
            });
        }

        return app;
    }

    private static async Task SetCookieAsync(HttpContext context, ClaimsPrincipal? principal, AuthenticationProperties properties)
    {
        if (principal?.FindFirstValue(ClaimTypes.Name) is not { Length: > 0 } userName)
        {
            return;
        }

        var value = await context.RequestServices.GetRequiredService<AffinityKey>().ValueForAsync(userName, context.RequestAborted);
        // It lives as long as the auth cookie: a browser session, or the same expiry when that one is persistent.
        context.Response.Cookies.Append(AffinityKey.CookieName, value, CookieOptions(context, properties.IsPersistent ? properties.ExpiresUtc : null));
    }

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
