using System.Security.Cryptography;
using StackExchange.Redis;

namespace WebMail.Web.Cluster;

/// <summary>
/// Locks and counts in Redis. A lock is <c>SET key token NX PX lifetime</c>, released by a script that deletes the key
/// only while it still holds this instance's token (a lock that expired and was taken by another is left alone). A
/// count is a sorted set of event times trimmed to the window in one script (a sliding window, like the in-process one).
/// </summary>
internal sealed class RedisClusterCoordination(RedisConnection connection, TimeProvider time) : IClusterCoordination
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private const string ReleaseScript = """
        if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end
        """;

    private const string TakeScript = """
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        redis.call('zremrangebyscore', KEYS[1], '-inf', now - window)
        if redis.call('zcard', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('zadd', KEYS[1], now, ARGV[4])
        redis.call('pexpire', KEYS[1], window)
        return 1
        """;

    public async Task<ClusterLock> AcquireAsync(string name, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var key = connection.Key("lock:" + name);
        RedisValue token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var deadline = time.GetUtcNow() + lifetime;
        try
        {
            var db = (await connection.GetAsync()).GetDatabase();
            while (!await db.StringSetAsync(key, token, lifetime, When.NotExists))
            {
                if (time.GetUtcNow() > deadline)
                {
                    return ClusterLock.TimedOut;
                }

                await Task.Delay(Poll, cancellationToken);
            }

            return new ClusterLock(ClusterLockState.Shared, async () =>
            {
                try
                {
                    await db.ScriptEvaluateAsync(ReleaseScript, [key], [token]);
                }
                catch (Exception ex) when (ex is RedisException or ObjectDisposedException or TimeoutException)
                {
                    // It expires on its own.
                    connection.CommandFailed("releasing a lock", ex);
                }
            });
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException or TimeoutException)
        {
            connection.CommandFailed("taking a lock", ex);
            return ClusterLock.NotShared;
        }
    }

    public async Task<bool?> TryTakeAsync(string name, int limit, TimeSpan window)
    {
        try
        {
            var db = (await connection.GetAsync()).GetDatabase();
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var taken = await db.ScriptEvaluateAsync(
                TakeScript,
                [connection.Key("count:" + name)],
                [now, (long)window.TotalMilliseconds, limit, Convert.ToHexString(RandomNumberGenerator.GetBytes(8))]);
            return (long)taken == 1;
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException or TimeoutException)
        {
            connection.CommandFailed("counting", ex);
            return null;
        }
    }
}
