using WebMail.Testing.Web;

namespace WebMail.Web.Tests.Mail;

/// <summary>
/// What one app counted on <c>webmail.push.notifications</c>: "result/session", or "result" when the push carried no
/// session tag (refused ones).
/// </summary>
internal sealed class PushCounts : IDisposable
{
    private readonly List<string> _results = [];
    private readonly PushMeter _meter;

    public PushCounts(IServiceProvider services) => _meter = new PushMeter(services, (result, session) =>
    {
        lock (_results)
        {
            _results.Add(session is null ? result ?? "?" : $"{result}/{session}");
        }
    });

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

    public void Dispose() => _meter.Dispose();
}
