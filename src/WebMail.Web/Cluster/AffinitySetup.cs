using Microsoft.Extensions.Options;

namespace WebMail.Web.Cluster;

/// <summary>
/// What a proxy in front of several instances needs from each of them: the <c>X-WebMail-Instance</c> response header
/// (which instance served) and the <c>webmail_affinity</c> cookie nginx hashes on (README, "Several instances").
/// </summary>
public static class AffinitySetup
{
    public const string InstanceHeader = "X-WebMail-Instance";

    public static WebApplicationBuilder AddWebMailAffinity(this WebApplicationBuilder builder) => builder;

    public static WebApplication UseWebMailAffinity(this WebApplication app)
    {
        var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(cluster.InstanceName))
        {
            var name = cluster.EffectiveInstanceName;
            app.Use((context, next) =>
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[InstanceHeader] = name;
                    return Task.CompletedTask;
                });
                return next(context);
            });
        }

        return app;
    }
}
