using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.JSInterop;

namespace WebMail.Web.Cluster;

/// <summary>The open tabs (circuits) of this instance, so a draining instance can tell each one to reload elsewhere.</summary>
public sealed partial class OpenTabs(ILogger<OpenTabs> logger)
{
    private static readonly TimeSpan ReloadTimeout = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<string, IJSRuntime> _tabs = new(StringComparer.Ordinal);

    public int Count => _tabs.Count;

    /// <summary>Waits until every tab's connection has gone (they reloaded elsewhere), at most <paramref name="limit"/>.</summary>
    public async Task WaitUntilGoneAsync(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + limit;
        while (!_tabs.IsEmpty && time.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }

    /// <summary>
    /// Tells every open tab to reload its page: the same URL (folder, message, compose draft) comes back through the
    /// proxy on another instance. Returns how many were told.
    /// </summary>
    public async Task<int> ReloadAllAsync(CancellationToken cancellationToken)
    {
        var told = 0;
        await Parallel.ForEachAsync(_tabs.Values, cancellationToken, async (js, token) =>
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(token);
            bounded.CancelAfter(ReloadTimeout);
            try
            {
                await js.InvokeVoidAsync("location.reload", bounded.Token);
                Interlocked.Increment(ref told);
            }
            catch (Exception ex) when (ex is JSException or JSDisconnectedException or OperationCanceledException or InvalidOperationException or TaskCanceledException)
            {
                // The tab went away meanwhile, or its connection is down: Blazor's own reconnect brings it back elsewhere.
                LogReloadFailed(logger, ex.GetType().Name);
            }
        });
        return told;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A tab could not be told to reload ({Error})")]
    private static partial void LogReloadFailed(ILogger logger, string error);

    /// <summary>Holds each circuit while its browser is connected.</summary>
    internal sealed class Handler(OpenTabs tabs, IJSRuntime js) : CircuitHandler
    {
        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            tabs._tabs[circuit.Id] = js;
            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            tabs._tabs.TryRemove(circuit.Id, out _);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            tabs._tabs.TryRemove(circuit.Id, out _);
            return Task.CompletedTask;
        }
    }
}
