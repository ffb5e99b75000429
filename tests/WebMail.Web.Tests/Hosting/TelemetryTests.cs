using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WebMail.Testing;
using WebMail.Web.Hosting;
using WebMail.Web.RemoteContent;

namespace WebMail.Web.Tests.Hosting;

/// <summary>
/// OpenTelemetry as an operator turns it on: the standard OTEL_* settings pointing at a collector (a local OTLP/HTTP
/// receiver here). Traces and metrics arrive with the service name and instance id, IMAP commands as spans, health
/// probes left out, and nothing of the user's mail in any of it; without the settings nothing is set up at all.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task OtlpEndpointSet_TracesMetricsAndLogsArrive_WithServiceAndInstance_WithoutMailContent()
    {
        await using var collector = new OtlpReceiver();
        var (service, instance) = ($"webmail-test-{Guid.NewGuid():N}"[..24], $"otel-{Guid.NewGuid():N}"[..16]);
        var user = MailStack.NewUser("otel");
        var subject = $"Secret zebra payroll {Guid.NewGuid():N}";
        await MailStack.DeliverAsync(new MimeMessage([new MailboxAddress("Payroll", "payroll@test.example")], [MailboxAddress.Parse(user)], subject, new TextPart("plain") { Text = "Numbers." }), user);
        await MailStack.WaitForInboxAsync(user, 1);

        string traces;
        string metrics;
        string logs;
        using (var app = new WebMailFactory()
            .With("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Endpoint)
            .With("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
            .With("OTEL_SERVICE_NAME", service)
            .With("OTEL_BSP_SCHEDULE_DELAY", "200")
            .With("OTEL_METRIC_EXPORT_INTERVAL", "500")
            .With("WebMail:Cluster:InstanceName", instance))
        {
            var browser = await app.SignInAsync(user);
            var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/"));
            Assert.Contains(subject, page, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz")).StatusCode);
            await browser.GetAsync("/readyz");

            // Outgoing requests are traced, except those to URLs taken from messages (the image proxy's client here; its
            // guard refuses loopback, but a span would still be made).
            var (traced, untraced) = ($"/idp-{Guid.NewGuid():N}", $"/newsletter-{Guid.NewGuid():N}.png");
            var clients = app.Services.GetRequiredService<IHttpClientFactory>();
            await Assert.ThrowsAsync<HttpRequestException>(() => clients.CreateClient(RemoteImageFetcher.ClientName).GetAsync(collector.Endpoint + untraced));
            await clients.CreateClient().GetAsync(collector.Endpoint + traced); // ends after it: exported after it

            traces = await collector.WaitForAsync("traces", t => t.Contains("imap SELECT", StringComparison.Ordinal) && t.Contains("FETCH", StringComparison.Ordinal)
                && t.Contains("POST /account/login", StringComparison.Ordinal) && t.Contains(traced, StringComparison.Ordinal));
            Assert.DoesNotContain(untraced, traces, StringComparison.Ordinal);
            metrics = await collector.WaitForAsync("metrics", m => m.Contains("webmail.imap.command.duration", StringComparison.Ordinal) && m.Contains("http.server.request.duration", StringComparison.Ordinal)
                && m.Contains("webmail.sessions.active", StringComparison.Ordinal));

            // Logs at the console's levels: the start-up's key-ring sentence (this instance's settings database is new).
            logs = await collector.WaitForAsync("logs", l => l.Contains("Created the Data Protection key", StringComparison.Ordinal));
        }

        Assert.All(collector.ContentTypes, type => Assert.Equal("application/x-protobuf", type));
        Assert.Contains("Created the Data Protection key", logs, StringComparison.Ordinal);
        Assert.Contains("WebMail.Web.Data.DatabaseMigrator", logs, StringComparison.Ordinal); // the category, for filtering
        foreach (var body in new[] { traces, metrics, logs })
        {
            Assert.Contains(service, body, StringComparison.Ordinal);
            Assert.Contains(instance, body, StringComparison.Ordinal);
            Assert.DoesNotContain(subject, body, StringComparison.Ordinal);
            Assert.DoesNotContain("zebra", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(user, body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(user.Split('@')[0], body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(MailStack.TestPassword, body, StringComparison.Ordinal);
        }

        // Spans: the sign-in's IMAP login and the inbox's commands, the requests by route; no health probes.
        foreach (var span in new[] { "imap connect", "imap AUTHENTICATE", "imap SELECT", "POST /account/login", "GET /" })
        {
            Assert.Contains(span, traces, StringComparison.Ordinal);
        }

        Assert.Matches("imap (UID )?FETCH", traces);
        Assert.Contains("inbox", traces, StringComparison.Ordinal); // the folder's role, not its name

        // No server span for a probe. (Other tests of this process probe their own instances over real sockets, and the
        // HttpClient instrumentation listens process-wide, so their client spans, with the full URL, may be exported here.)
        Assert.DoesNotMatch("(?<![0-9])/(healthz|readyz)", traces);

        // Metrics: the app's own, ASP.NET Core's and the runtime's.
        foreach (var instrument in new[] { "webmail.imap.logins", "webmail.imap.connections", "http.server.request.duration", "dotnet.gc.collections", "dotnet.process.memory.working_set", "aspnetcore.authentication.sign_ins" })
        {
            Assert.Contains(instrument, metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NoOtelSettings_NothingSetUp_NothingSent()
    {
        await using var collector = new OtlpReceiver();
        var user = MailStack.NewUser("nootel");
        using var app = new WebMailFactory();
        var browser = await app.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<LoggerProvider>());
        Assert.Equal(0, collector.Count);
    }

    [Theory]
    [InlineData(null, null, null, null, false, false, false)]
    [InlineData("http://collector:4318", null, null, null, true, true, true)]
    [InlineData(null, "http://collector:4318/v1/traces", null, null, true, false, false)]
    [InlineData(null, null, "http://collector:4318/v1/metrics", null, false, true, false)]
    [InlineData(null, null, null, "http://collector:4318/v1/logs", false, false, true)]
    public void Settings_OnlyTheSignalsWithAnEndpoint(string? all, string? traces, string? metrics, string? logs, bool tracesOn, bool metricsOn, bool logsOn)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = all,
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = traces,
            ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = metrics,
            ["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"] = logs,
        }).Build();

        var settings = TelemetrySettings.From(configuration);

        Assert.Equal((tracesOn, metricsOn, logsOn, "webmail"), (settings.Traces, settings.Metrics, settings.Logs, settings.ServiceName));
    }

    [Fact]
    public void Settings_SdkDisabled_NothingOn()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://collector:4318",
            ["OTEL_SDK_DISABLED"] = "true",
            ["OTEL_SERVICE_NAME"] = "mail-eu",
        }).Build();

        var settings = TelemetrySettings.From(configuration);
        Assert.False(settings.Traces || settings.Metrics || settings.Logs);
    }
}
