using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using WebMail.Web.RemoteContent;
using WebMail.Web.Unsubscribe;

namespace WebMail.Web.Hosting;

/// <summary>
/// What the app's telemetry leaves out: health probes (a span every few seconds per proxy), request paths and queries
/// (a path can carry a folder name or a message's reference: spans keep the route template instead), and the requests
/// made to URLs taken from messages (the image proxy, one-click unsubscribe): no spans, and no host names on the
/// outgoing-request metrics, since which newsletter hosts a team's mail loads from is the team's business.
/// </summary>
internal static class TelemetryPrivacy
{
    private static readonly HttpRequestOptionsKey<bool> MailContent = new("WebMail.Telemetry.MailContent");

    /// <summary>Liveness and readiness probes are not traced.</summary>
    public static bool TraceRequest(HttpContext context) =>
        !context.Request.Path.Equals("/healthz", StringComparison.OrdinalIgnoreCase) && !context.Request.Path.Equals("/readyz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The span keeps the matched route ("/mail/attachment/{message}/{part}"), never the path or the query.</summary>
    public static void RouteOnly(Activity activity, HttpResponse response)
    {
        activity.SetTag("url.path", (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);
        activity.SetTag("url.query", null);
    }

    /// <summary>
    /// Requests to URLs taken from messages are not traced. (Their handler, <see cref="RemoteContentEndpoint.GuardedHandler"/>,
    /// also has no trace header propagator, which already leaves them without a span; this holds if that ever changes.)
    /// </summary>
    public static bool TraceOutgoing(HttpRequestMessage request) => !(request.Options.TryGetValue(MailContent, out var mailContent) && mailContent);

    /// <summary>Marks the requests of the clients that fetch URLs from messages, for <see cref="TraceOutgoing"/>.</summary>
    public static void MarkMailContentClients(IServiceCollection services)
    {
        services.AddHttpClient(RemoteImageFetcher.ClientName).AddHttpMessageHandler(() => new MailContentMarker());
        services.AddHttpClient(OneClickUnsubscriber.ClientName).AddHttpMessageHandler(() => new MailContentMarker());
    }

    /// <summary>Outgoing-request and DNS metrics without host names (they may come from messages).</summary>
    public static MetricStreamConfiguration? OutgoingMetricTags(Instrument instrument) => instrument.Meter.Name switch
    {
        "System.Net.Http" => new MetricStreamConfiguration { TagKeys = ["http.request.method", "http.response.status_code", "error.type", "network.protocol.version", "url.scheme"] },
        "System.Net.NameResolution" => new MetricStreamConfiguration { TagKeys = ["error.type"] },
        _ => null,
    };

    private sealed class MailContentMarker : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.Set(MailContent, true);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
