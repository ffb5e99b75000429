using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Localization;
using WebMail.Web.Data;

namespace WebMail.Web.Localization;

/// <summary>
/// Languages and time zones: the UI language is the user's setting (<see cref="OrganizeSettings.Language"/>) when set,
/// else the browser's <c>Accept-Language</c>, else English; formats follow the regional variant asked for (de-CH, fr-CA, …).
/// Blazor Server keeps the culture of the request that started the circuit, so a change reloads the user's tabs
/// (<see cref="WebMail.Web.Components.Layout.UserCultureWatcher"/>).
/// </summary>
public static class LocalizationExtensions
{
    /// <summary>The languages the UI is translated into (Resources/Strings.*.resx; English is the keys themselves).</summary>
    public static readonly string[] UiLanguages = ["en", "de", "fr"];

    /// <summary>The cultures dates and numbers may be formatted in: the languages and their usual regional variants.</summary>
    public static readonly string[] FormatCultures =
    [
        "en", "en-US", "en-GB", "en-IE", "en-AU", "en-CA", "en-NZ", "en-IN", "en-ZA",
        "de", "de-DE", "de-AT", "de-CH", "de-LU", "de-LI", "de-BE",
        "fr", "fr-FR", "fr-BE", "fr-CH", "fr-CA", "fr-LU", "fr-MC",
    ];

    private const string SettingsKey = "webmail.settings";

    private static readonly string[] StaticPrefixes = ["/_framework", "/_content", "/css", "/js", "/lib", "/icons"];

    public static WebApplicationBuilder AddWebMailLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.AddScoped<UserTime>();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en");
            o.SupportedCultures = [.. FormatCultures.Select(CultureInfo.GetCultureInfo)];
            o.SupportedUICultures = [.. FormatCultures.Select(CultureInfo.GetCultureInfo)];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.ApplyCurrentCultureToResponseHeaders = true;
            o.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(context => Task.FromResult(
                    context.Items[SettingsKey] is OrganizeSettings { Language.Length: > 0 } s ? new ProviderCultureResult(s.Language) : null)),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
            ];
        });
        return builder;
    }

    /// <summary>After authentication: reads the signed-in user's language and time zone once per page request, then sets the culture.</summary>
    public static WebApplication UseWebMailLocalization(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var settings = await ReadSettingsAsync(context);
            context.Items[SettingsKey] = settings;
            var browserZone = context.Request.Cookies[UserTime.BrowserZoneCookie];
            context.RequestServices.GetRequiredService<UserTime>().Use(settings?.TimeZone, browserZone);
            await next(context);
        });
        app.UseRequestLocalization();
        return app;
    }

    private static async Task<OrganizeSettings?> ReadSettingsAsync(HttpContext context)
    {
        // Static files need no settings; pages, the circuit's hub and endpoints do (a message's address may hold dots).
        if (context.User.Identity?.IsAuthenticated != true || context.User.FindFirstValue(ClaimTypes.Name) is not { } user
            || StaticPrefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        try
        {
            return await context.RequestServices.GetRequiredService<OrganizeSettingsStore>().GetOrganizeSettingsAsync(user, context.RequestAborted);
        }
        catch (System.Data.Common.DbException)
        {
            // The settings database did not answer: the browser's language and zone will do for this page.
            return null;
        }
    }
}
