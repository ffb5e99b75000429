using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace WebMail.Testing.Web;

/// <summary>
/// Listens to one app's <c>webmail.push.notifications</c> (from its own meter factory only: several apps share the
/// process) and calls <c>onPush(result, session)</c> with every push's tags (no session tag on a refused push).
/// </summary>
public sealed class PushMeter : IDisposable
{
    private readonly MeterListener _listener = new();

    public PushMeter(IServiceProvider services, Action<string?, string?> onPush)
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

            onPush(result, session);
        });
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();
}
