namespace WebMail.Web.Mail;

/// <summary>
/// Saves a draft once the user pauses: <see cref="Changed"/> after every edit, and the save runs when
/// <c>delay</c> has passed since the last one. A supervised loop on <see cref="TimeProvider"/>: a save that
/// throws is logged and the loop goes on (the next change saves again); nothing runs unobserved.
/// </summary>
public sealed partial class DraftAutosaver : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task> _save;
    private readonly TimeSpan _delay;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly Task _loop;
    private long _lastChange;
    private int _paused;

    public DraftAutosaver(Func<CancellationToken, Task> save, TimeSpan delay, TimeProvider time, ILogger logger)
    {
        (_save, _delay, _time, _logger) = (save, delay, time, logger);
        _loop = RunAsync(_stop.Token);
    }

    /// <summary>Something changed: save <c>delay</c> after the last change (unless paused).</summary>
    public void Changed()
    {
        Volatile.Write(ref _lastChange, _time.GetTimestamp());
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    /// <summary>No autosave while sending (the send saves or removes the draft itself).</summary>
    public bool Paused
    {
        get => Volatile.Read(ref _paused) != 0;
        set => Volatile.Write(ref _paused, value ? 1 : 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
        _signal.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(cancellationToken);

                // Wait until the user has paused for the whole delay.
                for (var quiet = _time.GetElapsedTime(Volatile.Read(ref _lastChange)); quiet < _delay; quiet = _time.GetElapsedTime(Volatile.Read(ref _lastChange)))
                {
                    await Task.Delay(_delay - quiet, _time, cancellationToken);
                }

                if (!Paused)
                {
                    await _save(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogSaveFailed(_logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Autosaving a draft failed ({Error}); the next change tries again")]
    private static partial void LogSaveFailed(ILogger logger, string error);
}
