using Microsoft.Extensions.Options;
using WebMail.Mail.Sessions;

namespace WebMail.Web.Cluster;

/// <summary>
/// The steps of a drain after <see cref="DrainState"/> turned readiness off. Registered before the compose service,
/// so its <see cref="StoppingAsync"/> runs after the compose tabs' drafts were saved (hosts stop services in reverse
/// order): then, behind a proxy (<see cref="ClusterOptions.Clustered"/>), the tabs are told to reload elsewhere, and the
/// IMAP sessions log out, while the web server still runs.
/// </summary>
public sealed partial class DrainingService(OpenTabs tabs, ImapSessionPool pool, TimeProvider time, IOptions<ClusterOptions> cluster, ILogger<DrainingService> logger)
    : IHostedLifecycleService
{
    /// <summary>How long the tabs get to leave after being told.</summary>
    private static readonly TimeSpan TabsLeaveWithin = TimeSpan.FromSeconds(5);

    /// <summary>Readiness stays 503 this long after the tabs left, so probes and the proxy see it before connections are refused.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(1);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        // Alone, there is nowhere else to go: the tabs wait with their reconnect dialog until this instance is back.
        if (cluster.Value.Clustered)
        {
            LogTelling(logger, tabs.Count);
            var told = await tabs.ReloadAllAsync(cancellationToken);
            await tabs.WaitUntilGoneAsync(TabsLeaveWithin, time, cancellationToken);
            LogTold(logger, told, tabs.Count);
            await Task.Delay(Linger, time, cancellationToken);
        }

        var closed = await pool.CloseAllAsync();
        LogClosed(logger, closed);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        LogStopped(logger);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: telling {Tabs} open tab(s) to reload through the proxy")]
    private static partial void LogTelling(ILogger logger, int tabs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: {Tabs} tab(s) told to reload; {Left} still connected")]
    private static partial void LogTold(ILogger logger, int tabs, int left);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: {Sessions} IMAP session(s) logged out")]
    private static partial void LogClosed(ILogger logger, int sessions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: done; the process exits")]
    private static partial void LogStopped(ILogger logger);
}
