using WebMail.Web.Components;

namespace WebMail.Web.Hosting;

/// <summary>Blazor Server UI and the request pipeline (security headers: <see cref="SecurityHeaders"/>).</summary>
public static class UiExtensions
{
    public static WebApplicationBuilder AddWebMailUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<BrowserInterop>();
        builder.Services.AddScoped<WebMail.Web.Components.Layout.ThemeState>();
        builder.Services.AddLocalization();
        builder.Services.AddOptions<WebMail.Web.Mail.ListOptions>().BindConfiguration(WebMail.Web.Mail.ListOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "webmail.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

            // Its X-Frame-Options: SAMEORIGIN would loosen the app's DENY (SecurityHeaders) on pages with forms.
            o.SuppressXFrameOptionsHeader = true;
        });
        builder.Services.AddHealthChecks().AddWebMailReadiness();
        return builder;
    }

    public static WebApplication UseWebMailPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapWebMailUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessChecks.Tag),
            ResponseWriter = ReadinessResponse.WriteAsync,
        });
        // Blazor's own "frame-ancestors 'self'" (its guard for compressed WebSockets) would be a second policy beside
        // the app's, which already says frame-ancestors 'none' on every response (SecurityHeaders).
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }
}
