using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace WebMail.Web.Tests.Mail;

/// <summary>
/// What one app counted on <c>webmail.push.notifications</c>, from its own meter factory only (several apps share the
/// process): "result/session", or "result" when the push carried no session tag (refused ones).
/// </summary>
internal sealed class PushCounts : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<string> _results = [];

    public PushCounts(IServiceProvider services)
    {
        var scope = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == scope && instrument.Meter.Name == "WebMail.Web" && instrument.Name == "webmail.push.notifications")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? result = null, session = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "result")
                {
                    result = tag.Value as string;
                }
                else if (tag.Key == "session")
                {
                    session = tag.Value as string;
                }
            }

            lock (_results)
            {
                _results.Add(session is null ? result ?? "?" : $"{result}/{session}");
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
