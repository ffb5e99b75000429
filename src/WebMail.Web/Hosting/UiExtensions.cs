using WebMail.Web.Components;

namespace WebMail.Web.Hosting;

/// <summary>Blazor Server UI, the request pipeline and the app's security headers.</summary>
public static class UiExtensions
{
    /// <summary>The app's own Content-Security-Policy. Message HTML never lives here; it is served in a frame with a stricter one.</summary>
    public const string AppContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self' ws: wss:; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static WebApplicationBuilder AddWebMailUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddScoped<BrowserInterop>();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "webmail.af");
        builder.Services.AddHealthChecks().AddWebMailReadiness();
        return builder;
    }

    public static WebApplication UseWebMailPipeline(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.TryAdd("Referrer-Policy", "same-origin");
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = AppContentSecurityPolicy;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
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
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
