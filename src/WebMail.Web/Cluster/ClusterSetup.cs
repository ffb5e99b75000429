namespace WebMail.Web.Cluster;

/// <summary>Registers what several instances share (<see cref="ClusterOptions"/>).</summary>
public static class ClusterSetup
{
    public static WebApplicationBuilder AddWebMailCluster(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        return builder;
    }
}
