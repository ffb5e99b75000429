using System.Security.Cryptography;
using System.Text;

namespace WebMail.Web.Cluster;

/// <summary>
/// Short-lived coordination between instances: locks (two instances never run one OIDC refresh at once) and shared
/// sliding-window counts (N instances never give N× the allowance). Alone (<see cref="LocalClusterCoordination"/>)
/// and while Redis cannot be reached, every answer is "not shared": callers keep their in-process lock or count.
/// Nothing here is the only copy of anything: keys expire on their own.
/// </summary>
public interface IClusterCoordination
{
    /// <summary>
    /// Takes the lock <paramref name="name"/> for at most <paramref name="lifetime"/> (it expires even if this instance
    /// dies), waiting at most as long for another instance to release it. Dispose the handle to release it.
    /// </summary>
    Task<ClusterLock> AcquireAsync(string name, TimeSpan lifetime, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counts one event under <paramref name="name"/> if fewer than <paramref name="limit"/> were counted in the last
    /// <paramref name="window"/> (on every instance): true counted, false refused, null when not shared (count locally).
    /// </summary>
    Task<bool?> TryTakeAsync(string name, int limit, TimeSpan window);

    /// <summary>A key part that names a user or sign-in without writing it into Redis.</summary>
    static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0, 16);
}

/// <summary>How a lock was taken: <see cref="Shared"/> across instances, only in this process (no Redis), or not in time.</summary>
public enum ClusterLockState
{
    /// <summary>Held for every instance until released or expired.</summary>
    Shared,

    /// <summary>No Redis (one instance), or Redis cannot be reached: only the caller's in-process lock protects it.</summary>
    NotShared,

    /// <summary>Another instance held it for the whole lock lifetime.</summary>
    TimedOut,
}

/// <summary>A taken (or not taken) lock; disposing it releases a <see cref="ClusterLockState.Shared"/> one.</summary>
public sealed class ClusterLock(ClusterLockState state, Func<ValueTask>? release = null) : IAsyncDisposable
{
    public static ClusterLock NotShared { get; } = new(ClusterLockState.NotShared);

    public static ClusterLock TimedOut { get; } = new(ClusterLockState.TimedOut);

    public ClusterLockState State { get; } = state;

    public ValueTask DisposeAsync() => release?.Invoke() ?? ValueTask.CompletedTask;
}

/// <summary>One instance: nothing to share; callers use their in-process lock and count.</summary>
internal sealed class LocalClusterCoordination : IClusterCoordination
{
    public Task<ClusterLock> AcquireAsync(string name, TimeSpan lifetime, CancellationToken cancellationToken = default) => Task.FromResult(ClusterLock.NotShared);

    public Task<bool?> TryTakeAsync(string name, int limit, TimeSpan window) => Task.FromResult<bool?>(null);
}
