namespace WebMail.Web.Cluster;

/// <summary>
/// Small typed messages between the instances that share a Redis (<see cref="RedisClusterBus"/>); alone (no
/// <c>WebMail:Cluster:Redis</c>) there is nobody to tell (<see cref="LocalClusterBus"/>) and every event stays on its
/// local path. Messages are best effort (Redis pub/sub): nothing is ever only in a message, so a lost one only delays
/// what the next check would find anyway (a sign-in gone from the database, settings read again).
/// </summary>
public interface IClusterBus
{
    /// <summary>This instance's name, carried by every message it sends.</summary>
    string InstanceName { get; }

    /// <summary>True when other instances may be listening (a Redis is configured).</summary>
    bool Clustered { get; }

    /// <summary>Sends <paramref name="message"/> to the other instances; false when there are none or Redis cannot be reached (logged, never thrown).</summary>
    Task<bool> PublishAsync<T>(ClusterTopic<T> topic, T message);

    /// <summary>Calls <paramref name="handler"/> for each message on <paramref name="topic"/> from another instance, for the life of the app.</summary>
    void Subscribe<T>(ClusterTopic<T> topic, Func<T, Task> handler);
}

/// <summary>A kind of message and the type of its body.</summary>
public sealed record ClusterTopic<T>(string Name);

/// <summary>The messages the instances exchange.</summary>
public static class ClusterTopics
{
    /// <summary>The mail server said mail was delivered to <see cref="PushMessage.User"/>: whoever holds the session pokes it.</summary>
    public static readonly ClusterTopic<PushMessage> Push = new("push");

    /// <summary>A sign-in ended: its tabs on every instance leave, and the IMAP session closes where it was the user's last.</summary>
    public static readonly ClusterTopic<SignInEndedMessage> SignInEnded = new("signin-ended");

    /// <summary>A user's organize settings changed: their tabs on every instance read them again.</summary>
    public static readonly ClusterTopic<SettingsChangedMessage> SettingsChanged = new("settings-changed");
}

public sealed record PushMessage(string User);

/// <summary>An ended sign-in as other instances need it: never its tokens (the id token stays with the instance that signs out at the provider).</summary>
public sealed record SignInEndedMessage(string SignInId, string UserName, bool OthersLeft, string? Reason);

public sealed record SettingsChangedMessage(string User);
