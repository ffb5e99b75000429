using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WebMail.Mail.Diagnostics;
using WebMail.Web.Cluster;

namespace WebMail.Web.Hosting;

/// <summary>
/// OpenTelemetry (README, "Telemetry"): traces, metrics and logs exported over OTLP when the standard settings ask for it
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c> / <c>..._METRICS_ENDPOINT</c> /
/// <c>..._LOGS_ENDPOINT</c> for one signal). Logs go out at the levels the console has (<c>Logging:LogLevel</c>), with
/// the trace and span of the request they were written in. Without them nothing is registered: no listener, so activities are never created and the IMAP wire is not watched.
/// What must never leave the process (mail content, folder names, the hosts of remote images) is kept out by
/// <see cref="TelemetryPrivacy"/>.
/// </summary>
public static class Telemetry
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> is not set.</summary>
    public const string DefaultServiceName = "webmail";

    /// <summary>The app's own meters: pushes and pool in WebMail.Web and WebMail.Mail, commands in WebMail.Mail.</summary>
    public static readonly string[] Meters = ["WebMail.Web", MailTelemetry.Name];

    public static WebApplicationBuilder AddWebMailTelemetry(this WebApplicationBuilder builder)
    {
        var settings = TelemetrySettings.From(builder.Configuration);
        if (!settings.Traces && !settings.Metrics && !settings.Logs)
        {
            return builder;
        }

        var cluster = builder.Configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(
            serviceName: settings.ServiceName,
            serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString(),
            autoGenerateServiceInstanceId: false,
            serviceInstanceId: cluster.EffectiveInstanceName));

        if (settings.Traces)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(MailTelemetry.Name, "Microsoft.AspNetCore.Components")
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = TelemetryPrivacy.TraceRequest;
                    o.EnrichWithHttpResponse = TelemetryPrivacy.RouteOnly;
                })
                .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = TelemetryPrivacy.TraceOutgoing)
                .AddOtlpExporter());
            TelemetryPrivacy.MarkMailContentClients(builder.Services);
        }

        if (settings.Metrics)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddMeter("Microsoft.AspNetCore.*")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddView(TelemetryPrivacy.OutgoingMetricTags)
                .AddOtlpExporter());
        }

        if (settings.Logs)
        {
            // The rendered sentence as well as its template and values, as the console shows it; no scopes (request paths
            // with their query strings would ride along with every record).
            telemetry.WithLogging(logging => logging.AddOtlpExporter(), options =>
            {
                options.IncludeFormattedMessage = true;
                options.IncludeScopes = false;
            });
        }

        return builder;
    }
}

/// <summary>Which signals the standard <c>OTEL_*</c> settings turn on, and the service name.</summary>
public sealed record TelemetrySettings(bool Traces, bool Metrics, string ServiceName, bool Logs = false)
{
    public static TelemetrySettings From(IConfiguration configuration)
    {
        static bool Set(string? value) => !string.IsNullOrWhiteSpace(value);
        if (string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return new TelemetrySettings(false, false, Telemetry.DefaultServiceName, Logs: false);
        }

        var all = Set(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var name = configuration["OTEL_SERVICE_NAME"];
        return new TelemetrySettings(
            all || Set(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]),
            all || Set(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]),
            Set(name) ? name!.Trim() : Telemetry.DefaultServiceName,
            Logs: all || Set(configuration["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"]));
    }
}
