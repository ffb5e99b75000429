using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WebMail.Web.Unsubscribe;

/// <summary>At most <see cref="UnsubscribeOptions.MaxPerUserPerHour"/> unsubscribes per user in any hour (this process).</summary>
public sealed class UnsubscribeLimiter(IOptions<UnsubscribeOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Counts one unsubscribe for <paramref name="user"/>; false (nothing counted) when the hour's allowance is used up.</summary>
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
