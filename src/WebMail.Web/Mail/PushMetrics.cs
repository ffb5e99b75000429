using System.Diagnostics.Metrics;

namespace WebMail.Web.Mail;

/// <summary>The push path's end in the app: from the server's report to the tab's render being dispatched.</summary>
public static class PushMetrics
{
    private static readonly Meter Meter = new("WebMail.Web");

    private static readonly Histogram<double> Latency = Meter.CreateHistogram<double>(
        "webmail.push.latency", unit: "ms", description: "Server's untagged response (or push) received → circuit render dispatched");

    private static readonly Counter<long> Dispatched = Meter.CreateCounter<long>("webmail.push.dispatched", description: "Changes rendered into open tabs");

    public static void RenderDispatched(DateTimeOffset reportedAt)
    {
        Dispatched.Add(1);
        Latency.Record(Math.Max(0, (DateTimeOffset.UtcNow - reportedAt).TotalMilliseconds));
    }
}
