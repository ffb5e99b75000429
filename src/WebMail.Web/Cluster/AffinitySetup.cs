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
        // Read from the configuration, not IOptions: validating the options here (before the app runs) would turn a
        // malformed WebMail:Cluster:Redis into a stack trace instead of the start-time sentence naming it.
        var cluster = app.Configuration.GetSection(ClusterOptions.SectionName).Get<ClusterOptions>() ?? new ClusterOptions();
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
