namespace WebMail.Web.Cluster;

/// <summary>
/// Several WebMail instances behind one proxy (README, "Several instances"). Bound from <c>WebMail:Cluster</c>.
/// Without <see cref="Redis"/> the instance works alone: push, sign-outs and settings changes stay in this process.
/// </summary>
public sealed class ClusterOptions
{
    public const string SectionName = "WebMail:Cluster";

    /// <summary>
    /// The StackExchange.Redis configuration string (for example <c>redis:6379</c> or
    /// <c>10.0.0.5:6379,password=…,ssl=true</c>) of the Redis the instances share for messages between them and
    /// short-lived coordination. Empty: one instance.
    /// </summary>
    public string Redis { get; set; } = "";

    /// <summary>
    /// This instance's name in logs, telemetry and the <c>X-WebMail-Instance</c> response header. Empty: the machine
    /// name and process id.
    /// </summary>
    public string InstanceName { get; set; } = "";

    /// <summary>
    /// What the Redis channel and keys of these instances start with (<c>webmail</c>): instances that share it talk to each
    /// other, so two WebMail installations (or parallel test runs) can share one Redis with different prefixes.
    /// </summary>
    public string ChannelPrefix { get; set; } = "webmail";

    /// <summary>True when instances share a Redis.</summary>
    public bool Clustered => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>The configured name, or one made from the machine name and process id.</summary>
    public string EffectiveInstanceName => string.IsNullOrWhiteSpace(InstanceName) ? $"{Environment.MachineName}-{Environment.ProcessId}" : InstanceName;
}
