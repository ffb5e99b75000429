using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WebMail.Mail.Sessions;
using WebMail.Web.Data;

namespace WebMail.Web.Hosting;

/// <summary>
/// Readiness (<c>/readyz</c>): can this instance serve users now? The settings database and the IMAP server must
/// answer. Liveness (<c>/healthz</c>) only says the process runs, so a mail-server outage never gets the app restarted.
/// </summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";

    public static IHealthChecksBuilder AddWebMailReadiness(this IHealthChecksBuilder checks) => checks
        .AddCheck<SettingsDatabaseCheck>("settings-database", tags: [Tag], timeout: TimeSpan.FromSeconds(5))
        .AddCheck<MailServerCheck>("mail-server", tags: [Tag], timeout: TimeSpan.FromSeconds(10));

    private sealed class SettingsDatabaseCheck(IDbContextFactory<WebMailDbContext> databases) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The settings database cannot be reached (WebMail:Database:ConnectionString).");
        }
    }

    private sealed class MailServerCheck(ImapConnector connector) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await connector.ProbeAsync(cancellationToken) is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy();
    }
}
