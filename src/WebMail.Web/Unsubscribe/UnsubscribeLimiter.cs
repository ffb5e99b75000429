using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WebMail.Web.Cluster;

namespace WebMail.Web.Unsubscribe;

/// <summary>
/// At most <see cref="UnsubscribeOptions.MaxPerUserPerHour"/> unsubscribes per user in any hour: counted in Redis when
/// instances share one (<see cref="IClusterCoordination"/>; N instances give no N× allowance), else in this process
/// (alone, or while Redis cannot be reached).
/// </summary>
public sealed class UnsubscribeLimiter(IOptions<UnsubscribeOptions> options, TimeProvider time, IClusterCoordination? cluster = null)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts one unsubscribe for <paramref name="user"/> on every instance; false (nothing counted) when the hour's allowance is used up.</summary>
    public async Task<bool> TryTakeAsync(string user) =>
        (cluster is null ? null : await cluster.TryTakeAsync("unsubscribe:" + IClusterCoordination.Hash(user.ToLowerInvariant()), options.Value.MaxPerUserPerHour, Window))
        ?? TryTake(user);

    /// <summary>Counts one unsubscribe for <paramref name="user"/> in this process; false (nothing counted) when the hour's allowance is used up.</summary>
    public bool TryTake(string user)
    {
        var now = time.GetUtcNow();
        var queue = _recent.GetOrAdd(user, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            while (queue.TryPeek(out var first) && now - first >= Window)
            {
                queue.Dequeue();
            }

            if (queue.Count >= options.Value.MaxPerUserPerHour)
            {
                return false;
            }

            queue.Enqueue(now);
            return true;
        }
    }
}
