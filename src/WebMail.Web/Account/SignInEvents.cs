using WebMail.Web.Cluster;

namespace WebMail.Web.Account;

/// <summary>
/// News that a sign-in has ended, the moment <see cref="SignInStore.EndAsync"/> removed it: the tabs of that
/// sign-in (its circuits) subscribe by id and leave at once; whole-app listeners (frames, the IMAP pool) hear of
/// every ending. Handlers run on the ending caller's thread: they marshal to their own dispatcher themselves.
/// With several instances the news also goes to the others (<see cref="IClusterBus"/>), which pass it to their own
/// listeners through <see cref="PublishHereAsync"/> (ClusterRelay): the user's tabs there leave too.
/// </summary>
public sealed partial class SignInEvents(ILogger<SignInEvents> logger, IClusterBus? bus = null)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Func<EndedSignIn, Task>>> _bySignIn = new(StringComparer.Ordinal);
    private readonly List<Func<EndedSignIn, Task>> _all = [];

    /// <summary>Calls <paramref name="onEnded"/> once <paramref name="sid"/> has ended, unless disposed first.</summary>
    public IDisposable Subscribe(string sid, Func<EndedSignIn, Task> onEnded)
    {
        lock (_lock)
        {
            if (!_bySignIn.TryGetValue(sid, out var list))
            {
                _bySignIn[sid] = list = [];
            }

            list.Add(onEnded);
        }

        return new Subscription(this, sid, onEnded);
    }

    /// <summary>Calls <paramref name="onEnded"/> for every sign-in that ends, for the life of the app.</summary>
    public void SubscribeAll(Func<EndedSignIn, Task> onEnded)
    {
        lock (_lock)
        {
            _all.Add(onEnded);
        }
    }

    /// <summary>Tells the other instances (never the id token) and, meanwhile, this instance's listeners.</summary>
    internal async Task PublishAsync(EndedSignIn ended)
    {
        var elsewhere = bus is { Clustered: true }
            ? bus.PublishAsync(ClusterTopics.SignInEnded, new SignInEndedMessage(ended.SignInId, ended.UserName, ended.OthersLeft, ended.Reason))
            : Task.FromResult(false);
        await PublishHereAsync(ended);
        await elsewhere;
    }

    /// <summary>Tells the sign-in's tabs first (they stop using the mailbox), then the app-wide listeners, of this instance only.</summary>
    internal async Task PublishHereAsync(EndedSignIn ended)
    {
        Func<EndedSignIn, Task>[] tabs, all;
        lock (_lock)
        {
            tabs = _bySignIn.Remove(ended.SignInId, out var list) ? [.. list] : [];
            all = [.. _all];
        }

        await Task.WhenAll(tabs.Select(handler => RunAsync(handler, ended)));
        foreach (var handler in all)
        {
            await RunAsync(handler, ended);
        }
    }

    private async Task RunAsync(Func<EndedSignIn, Task> handler, EndedSignIn ended)
    {
        try
        {
            await handler(ended);
        }
        catch (Exception ex)
        {
            // One tab's failure must not keep the news from the others, nor fail the sign-out.
            LogHandlerFailed(logger, ex.GetType().Name);
        }
    }

    private void Unsubscribe(string sid, Func<EndedSignIn, Task> onEnded)
    {
        lock (_lock)
        {
            if (_bySignIn.TryGetValue(sid, out var list) && list.Remove(onEnded) && list.Count == 0)
            {
                _bySignIn.Remove(sid);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sign-in ending handler failed: {Error}")]
    private static partial void LogHandlerFailed(ILogger logger, string error);

    private sealed class Subscription(SignInEvents owner, string sid, Func<EndedSignIn, Task> onEnded) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(sid, onEnded);
            }
        }
    }
}
