using Microsoft.Extensions.Options;

namespace WebMail.Web.Mail;

/// <summary>
/// Looks after the compose registry: retires closed tabs' copies once their grace time is over (a supervised
/// loop on <see cref="TimeProvider"/> that logs and survives failures) and, when the app stops, saves every
/// open tab's unsaved draft before the server goes away, bounded by <see cref="ComposeOptions.ShutdownSaveSeconds"/>
/// and by the host's own shutdown timeout.
/// </summary>
public sealed partial class ComposeHostedService(ComposeRegistry registry, TimeProvider time, IOptions<ComposeOptions> options, ILogger<ComposeHostedService> logger) : IHostedLifecycleService, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _sweeper;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sweeper = SweepLoopAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before the web server stops: saves open tabs' drafts while the mail server is still reachable.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(options.Value.ShutdownSaveSeconds));
        try
        {
            await registry.FlushAllAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            LogFlushTimedOut(logger, options.Value.ShutdownSaveSeconds);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sweeper is { } sweeper)
        {
            await _stopping.CancelAsync();
            await sweeper.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        // A host stopped after it was disposed (or never started) must not find a disposed source.
        _sweeper = null;
        _stopping.Dispose();
    }

    private async Task SweepLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await registry.SweepAsync(cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not every open draft was saved within {Seconds} s of shutdown")]
    private static partial void LogFlushTimedOut(ILogger logger, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retiring closed compose tabs failed ({Error}); retrying at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, string error);
}
