using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace WebMail.Web.Cluster;

/// <summary>
/// <c>/readyz</c> entry "redis" (only when <c>WebMail:Cluster:Redis</c> is set): a PING answered within
/// <see cref="Timeout"/>. Unhealthy names the setting; the instance still serves its own users meanwhile.
/// </summary>
internal sealed class RedisReadinessCheck(RedisConnection connection) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public const string UnreachableSentence =
        "Redis cannot be reached (WebMail:Cluster:Redis): push routing, sign-outs and settings changes between instances wait until it is back.";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var multiplexer = await connection.GetAsync().WaitAsync(Timeout, cancellationToken);
            await multiplexer.GetDatabase().PingAsync().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy(UnreachableSentence);
        }
    }
}
