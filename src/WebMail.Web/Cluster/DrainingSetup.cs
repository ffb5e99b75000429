using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebMail.Web.Hosting;
using WebMail.Web.Mail;

namespace WebMail.Web.Cluster;

/// <summary>
/// Draining on SIGTERM (README, "Draining"): from the moment the host is told to stop, <c>/readyz</c> says 503
/// "draining" and every new request is answered 503 with <c>Retry-After</c>, so nginx sends it to another instance;
/// then (<see cref="DrainingService"/>) open compose tabs' drafts are saved, every open tab is told to reload (it comes
/// back through the proxy on another instance, same URL), IMAP sessions log out, and the process exits.
/// </summary>
public static class DrainingSetup
{
    /// <summary>Within the 30 s container runtimes and systemd wait before SIGKILL.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(25);

    public static WebApplicationBuilder AddWebMailDraining(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton<DrainState>();
        builder.Services.AddSingleton<OpenTabs>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, OpenTabs.Handler>());
        builder.Services.AddHostedService<DrainingService>();
        builder.Services.AddHealthChecks().AddCheck<DrainingCheck>("draining", tags: [ReadinessChecks.Tag]);
        return builder;
    }

    /// <summary>New requests to a draining instance: 503 + Retry-After (health probes and compose beacons still pass).</summary>
    public static WebApplication UseWebMailDraining(this WebApplication app)
    {
        var state = app.Services.GetRequiredService<DrainState>();
        app.Use((context, next) =>
        {
            if (!state.IsDraining || Passes(context.Request.Path))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            context.Response.Headers.Connection = "close";
            return context.Response.WriteAsync("This WebMail instance is shutting down.");
        });
        return app;
    }

    // A compose tab's beacon carries this instance's unsaved keystrokes: it is still taken while its draft is saved.
    private static bool Passes(PathString path) =>
        path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz") || path.StartsWithSegments(ComposeEndpoints.BeaconPath);

    private sealed class DrainingCheck(DrainState state) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(state.IsDraining ? HealthCheckResult.Unhealthy("draining") : HealthCheckResult.Healthy());
    }
}

/// <summary>Whether this instance is shutting down (set when the host is told to stop).</summary>
public sealed partial class DrainState
{
    private volatile bool _draining;

    public DrainState(IHostApplicationLifetime lifetime, ILogger<DrainState> logger) =>
        lifetime.ApplicationStopping.Register(() =>
        {
            _draining = true;
            LogDraining(logger);
        });

    public bool IsDraining => _draining;

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: /readyz reports 503 and new requests are answered 503 with Retry-After")]
    private static partial void LogDraining(ILogger logger);
}
