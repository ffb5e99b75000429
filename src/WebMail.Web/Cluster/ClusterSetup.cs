using Microsoft.Extensions.Options;

namespace WebMail.Web.Cluster;

/// <summary>Registers what several instances share (<see cref="ClusterOptions"/>): the bus, and with Redis its connection, locks, counters and readiness check.</summary>
public static class ClusterSetup
{
    /// <summary>The readiness check's name in <c>/readyz</c>.</summary>
    public const string RedisCheckName = "redis";

    public static WebApplicationBuilder AddWebMailCluster(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>();
        var clustered = !string.IsNullOrWhiteSpace(builder.Configuration[$"{ClusterOptions.SectionName}:{nameof(ClusterOptions.Redis)}"]);
        if (!clustered)
        {
            builder.Services.AddSingleton<IClusterBus, LocalClusterBus>();
            return builder;
        }

        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddSingleton<RedisClusterBus>();
        builder.Services.AddSingleton<IClusterBus>(s => s.GetRequiredService<RedisClusterBus>());
        builder.Services.AddHostedService(s => s.GetRequiredService<RedisClusterBus>());
        builder.Services.AddHostedService<ClusterRelay>();
        builder.Services.AddHealthChecks().AddCheck<RedisReadinessCheck>(RedisCheckName, tags: [Hosting.ReadinessChecks.Tag], timeout: RedisReadinessCheck.Timeout);
        return builder;
    }
}
