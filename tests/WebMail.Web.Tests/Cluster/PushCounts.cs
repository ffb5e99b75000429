using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace WebMail.Web.Tests.Cluster;

/// <summary>What one instance counted on <c>webmail.push.notifications</c> (result/session), from its own meter factory only.</summary>
internal sealed class PushCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<string> _results = [];

    public PushCounts(IServiceProvider services)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == scope && instrument.Name == "webmail.push.notifications")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            var values = new Dictionary<string, string?>();
            foreach (var tag in tags)
            {
                values[tag.Key] = tag.Value as string;
            }

            lock (_results)
            {
                _results.Add($"{values.GetValueOrDefault("result")}/{values.GetValueOrDefault("session")}");
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<string> Results
    {
        get
        {
            lock (_results)
            {
                return [.. _results];
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
