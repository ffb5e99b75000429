namespace WebMail.Web.Account;

/// <summary>
/// Whether each SSO sign-in can currently renew its token, keyed by sign-in id. While the identity provider
/// cannot be reached the sign-in stays valid and every tab of it shows a notice; retries back off (2 s,
/// 4 s, … up to 30 s between attempts, whatever the number of tabs). A successful refresh clears it.
/// </summary>
public sealed partial class SignInHealth(TimeProvider time, ILogger<SignInHealth> logger)
{
    /// <summary>What a tab shows while its sign-in provider cannot be reached.</summary>
    public const string ProviderUnreachableSentence = "Your sign-in provider cannot be reached; you stay signed in and we retry.";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Outage> _outages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Func<SignInStatus, Task>>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>The current status of a sign-in (healthy when nothing is known about it).</summary>
    public SignInStatus Get(string sid)
    {
        lock (_lock)
        {
            return _outages.TryGetValue(sid, out var outage) ? new SignInStatus(true, outage.Since) : SignInStatus.Healthy;
        }
    }

    /// <summary>Calls <paramref name="onChange"/> whenever the status of <paramref name="sid"/> changes, until disposed.</summary>
    public IDisposable Subscribe(string sid, Func<SignInStatus, Task> onChange)
    {
        lock (_lock)
        {
            if (!_subscribers.TryGetValue(sid, out var list))
            {
                _subscribers[sid] = list = [];
            }

            list.Add(onChange);
        }

        return new Subscription(this, sid, onChange);
    }

    /// <summary>When the next refresh attempt may be sent; null when no outage is known.</summary>
    public DateTimeOffset? NextAttemptAt(string sid)
    {
        lock (_lock)
        {
            return _outages.TryGetValue(sid, out var outage) ? outage.RetryAt : null;
        }
    }

    /// <summary>A refresh failed because the provider could not be reached: the next attempt waits longer.</summary>
    public Task ReportUnreachableAsync(string sid)
    {
        var now = time.GetUtcNow();
        bool started;
        lock (_lock)
        {
            started = !_outages.TryGetValue(sid, out var outage);
            var failures = started ? 1 : outage!.Failures + 1;
            var delay = TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks << Math.Min(failures - 1, 10)));
            _outages[sid] = new Outage(started ? now : outage!.Since, failures, now + delay);
        }

        return started ? NotifyAsync(sid, new SignInStatus(true, now)) : Task.CompletedTask;
    }

    /// <summary>A refresh succeeded (or the sign-in ended): any outage of <paramref name="sid"/> is over.</summary>
    public Task ReportHealthyAsync(string sid)
    {
        bool ended;
        lock (_lock)
        {
            ended = _outages.Remove(sid);
        }

        return ended ? NotifyAsync(sid, SignInStatus.Healthy) : Task.CompletedTask;
    }

    private Task NotifyAsync(string sid, SignInStatus status)
    {
        Func<SignInStatus, Task>[] targets;
        lock (_lock)
        {
            targets = _subscribers.TryGetValue(sid, out var list) ? [.. list] : [];
        }

        return Task.WhenAll(targets.Select(async target =>
        {
            try
            {
                await target(status);
            }
            catch (Exception ex)
            {
                // One tab's failure must not keep the news from the others, nor fail the refresh.
                LogSubscriberFailed(logger, ex.GetType().Name);
            }
        }));
    }

    private void Unsubscribe(string sid, Func<SignInStatus, Task> onChange)
    {
        lock (_lock)
        {
            if (_subscribers.TryGetValue(sid, out var list) && list.Remove(onChange) && list.Count == 0)
            {
                _subscribers.Remove(sid);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in status subscriber failed: {Error}")]
    private static partial void LogSubscriberFailed(ILogger logger, string error);

    private sealed record Outage(DateTimeOffset Since, int Failures, DateTimeOffset RetryAt);

    private sealed class Subscription(SignInHealth owner, string sid, Func<SignInStatus, Task> onChange) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(sid, onChange);
            }
        }
    }
}

/// <summary>What a tab shows about its sign-in: whether the provider is unreachable, and since when.</summary>
public sealed record SignInStatus(bool ProviderUnreachable, DateTimeOffset? Since)
{
    public static SignInStatus Healthy { get; } = new(false, null);
}
