using Microsoft.Extensions.Options;

namespace WebMail.Web.Cluster;

/// <summary>One instance alone: nobody else to tell, so publishing sends nothing and no message ever arrives.</summary>
internal sealed class LocalClusterBus(IOptions<ClusterOptions> options) : IClusterBus
{
    public string InstanceName { get; } = options.Value.EffectiveInstanceName;

    public bool Clustered => false;

    public Task<bool> PublishAsync<T>(ClusterTopic<T> topic, T message) => Task.FromResult(false);

    public void Subscribe<T>(ClusterTopic<T> topic, Func<T, Task> handler)
    {
        // Nothing ever arrives from another instance.
    }
}
