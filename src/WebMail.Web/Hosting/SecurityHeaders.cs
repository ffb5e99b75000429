using Microsoft.Extensions.Options;
using WebMail.Web.Account;

namespace WebMail.Web.Hosting;

/// <summary>
/// Security headers on every response the app sends — rendered pages, redirects, error pages, static files —
/// and the forwarded headers of a TLS-terminating proxy, applied first so every later step (cookies, OIDC
/// redirect URIs, absolute URLs, HSTS) sees the scheme and host the browser used.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The app's own Content-Security-Policy (without <c>form-action</c>, which may name the sign-in provider).
    /// Blazor Server needs nothing inline: blazor.web.js and our modules are files, the circuit's WebSocket is
    /// same-origin ('self' covers ws:/wss: to it). base-uri is 'self', not 'none': Blazor resolves every relative
    /// link against the page's <c>&lt;base href="/"&gt;</c>, which 'none' refuses (Chromium then resolves links
    /// against the current path and sign-in and navigation break); a base on another origin stays refused. Style attributes are allowed (style-src-attr) because the rich
    /// editor shows the HTML it sends (quoted mail and plain-text paragraphs carry inline styles); style
    /// elements and remote style sheets are not. Message HTML never lives here: it is in a frame with its own policy.
    /// </summary>
    public const string AppContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>Powerful browser features the app never uses, denied to it and to every frame in it.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), " +
        "hid=(), magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), " +
        "xr-spatial-tracking=()";

    /// <summary>One year; sent only on https responses (direct, or forwarded by a known proxy).</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    public static WebApplicationBuilder AddWebMailSecurityHeaders(this WebApplicationBuilder builder)
    {
        builder.AddWebMailForwardedHeaders();
        return builder;
    }

    /// <summary>First in the pipeline: forwarded headers, then the headers every response carries.</summary>
    public static WebApplication UseWebMailSecurityHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();

        // Read on the first response, not here: a misconfigured option must fail inside RunAsync, with its sentence.
        string? policy = null;
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                policy ??= AppPolicy(context.RequestServices.GetRequiredService<IOptions<AuthenticationOptions>>().Value);
                Apply(context, policy);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>
    /// The full app policy. Sign-out answers the sign-out form with a redirect to the provider's end-session
    /// endpoint, and browsers check form-action on a form's redirects too, so the provider's origin is listed.
    /// </summary>
    public static string AppPolicy(AuthenticationOptions authentication)
    {
        var formAction = "'self'";
        if (authentication.Oidc.Enabled && Uri.TryCreate(authentication.Oidc.Authority, UriKind.Absolute, out var authority))
        {
            formAction += " " + authority.GetLeftPart(UriPartial.Authority);
        }

        return $"{AppContentSecurityPolicy}; form-action {formAction}";
    }

    private static void Apply(HttpContext context, string policy)
    {
        var headers = context.Response.Headers;

        // Endpoints with a stricter policy of their own (the message frame, downloads) keep theirs. Blazor's
        // own "frame-ancestors 'self'" is switched off (UiExtensions): this policy says 'none'.
        if (!headers.ContainsKey("Content-Security-Policy"))
        {
            headers.ContentSecurityPolicy = policy;
        }

        headers.XContentTypeOptions = "nosniff";

        // No referrer at all: app URLs carry folder names and message ids, and nothing the app links to needs them.
        if (!headers.ContainsKey("Referrer-Policy"))
        {
            headers["Referrer-Policy"] = "no-referrer";
        }

        if (!headers.ContainsKey("X-Frame-Options"))
        {
            headers.XFrameOptions = "DENY";
        }

        headers["Permissions-Policy"] = PermissionsPolicy;
        if (context.Request.IsHttps)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }
    }
}
