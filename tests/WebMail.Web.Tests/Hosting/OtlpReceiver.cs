using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebMail.Web.Tests.Hosting;

/// <summary>
/// A tiny OTLP/HTTP collector on a loopback port: keeps every POST to <c>/v1/traces</c>, <c>/v1/metrics</c> and <c>/v1/logs</c> (protobuf
/// bodies) and answers 200. Protobuf strings are plain UTF-8 in the body, so tests read names and values as text.
/// An <see cref="HttpListener"/>, not Kestrel: the app's ASP.NET Core instrumentation (process-wide) would trace Kestrel's
/// requests, and every export would make a new span to export.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Signal, string ContentType, byte[] Body)> _posts = new();
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public OtlpReceiver()
    {
        // A free port (the listener takes a prefix, not port 0).
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Endpoint = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        }

        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>The base URL, for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Endpoint { get; }

    public int Count => _posts.Count;

    public IReadOnlyList<string> ContentTypes => [.. _posts.Select(p => p.ContentType).Distinct()];

    /// <summary>Everything received for <paramref name="signal"/> ("traces", "metrics", "logs"), as text.</summary>
    public string Text(string signal) => string.Join('\n', _posts.Where(p => p.Signal == signal).Select(p => Encoding.UTF8.GetString(p.Body)));

    /// <summary>Waits (up to a minute, generously) until what was received for <paramref name="signal"/> satisfies <paramref name="done"/>.</summary>
    public async Task<string> WaitForAsync(string signal, Func<string, bool> done)
    {
        var until = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var text = Text(signal);
            if (done(text) || DateTime.UtcNow > until)
            {
                return text;
            }

            await Task.Delay(100);
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var path = context.Request.Url?.AbsolutePath ?? "";
            if (context.Request.HttpMethod == "POST" && path.StartsWith("/v1/", StringComparison.Ordinal))
            {
                _posts.Enqueue((path["/v1/".Length..], context.Request.ContentType ?? "", body.ToArray()));
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
