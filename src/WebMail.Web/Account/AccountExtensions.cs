using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using WebMail.Mail.Sessions;

namespace WebMail.Web.Account;

/// <summary>Cookie sign-in backed by the server-side credential store; sign-out is a POST.</summary>
public static class AccountExtensions
{
    public const string SessionIdClaim = "webmail:sid";

    public static WebApplicationBuilder AddWebMailAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);

        // Keys protect cookies, antiforgery tokens and the in-memory passwords. Several instances behind
        // a proxy, or a container that restarts, need them in a shared, persistent folder.
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("WebMail");
        if (builder.Configuration["WebMail:DataProtection:KeysPath"] is { Length: > 0 } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.Cookie.Name = "webmail.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.Events.OnValidatePrincipal = context =>
                {
                    // The cookie is only as good as the server-side sign-in behind it.
                    var store = context.HttpContext.RequestServices.GetRequiredService<ServerCredentialStore>();
                    if (!store.Contains(context.Principal?.FindFirstValue(SessionIdClaim)))
                    {
                        context.RejectPrincipal();
                        return context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }

                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, SignInRevalidatingStateProvider>();
        builder.Services.AddScoped<SignInHandler>();
        return builder;
    }

    public static WebApplication MapWebMailAccounts(this WebApplication app)
    {
        app.MapPost("/account/logout", SignOutAsync).DisableAntiforgery();
        return app;
    }

    /// <summary>Builds the principal for a verified sign-in.</summary>
    public static ClaimsPrincipal CreatePrincipal(string userName, string sid) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(SessionIdClaim, sid)],
            CookieAuthenticationDefaults.AuthenticationScheme));

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, ServerCredentialStore store, ImapSessionPool pool)
    {
        // Validated here rather than by the middleware because this endpoint binds no form fields.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest("The sign-out request was not sent by WebMail's own page.");
        }

        var (user, othersLeft) = store.Remove(context.User.FindFirstValue(SessionIdClaim));
        if (user is not null && !othersLeft)
        {
            await pool.CloseAsync(user);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/account/login?signedOut=1");
    }
}
