using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace WebMail.Web.Hosting;

/// <summary>The body of <c>/readyz</c>: overall status and each check's status and reason, as JSON for operators and probes.</summary>
public static class ReadinessResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
