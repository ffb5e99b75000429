using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WebMail.Testing.Web;

/// <summary>
/// A real little web server standing in for "the sender's" image host. It listens on 127.0.0.2 (the one address
/// the proxy under test is told to allow) and on 127.0.0.1 (an internal service the proxy must never reach), and
/// records every request each address received.
/// </summary>
public sealed class StandInRemoteServer : IAsyncDisposable
{
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    /// <summary>Bytes /big.png tries to send (far above the proxy's cap in these tests).</summary>
    public const int BigBodyBytes = 64 * 1024 * 1024;

    private readonly WebApplication _app;

    private StandInRemoteServer(WebApplication app) => _app = app;

    /// <summary>Base URL on the allowed address, e.g. http://127.0.0.2:41234.</summary>
    public string Allowed { get; private set; } = "";

    /// <summary>Port of the same server on 127.0.0.1, the "internal service".</summary>
    public int InternalPort { get; private set; }

    /// <summary>Requests received: "allowed /path" or "internal /path", with their headers.</summary>
    public ConcurrentQueue<(string Where, string Path, IReadOnlyDictionary<string, string> Headers)> Requests { get; } = new();

    /// <summary>Completes with the bytes /big.png had written when it stopped (aborted or finished).</summary>
    public TaskCompletionSource<long> BigBodyWritten { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<StandInRemoteServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Parse("127.0.0.2"), 0);
            o.Listen(IPAddress.Loopback, 0);
        });
        var server = new StandInRemoteServer(builder.Build());
        server.Map();
        await server._app.StartAsync();
        var addresses = server._app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        server.Allowed = addresses.Single(a => a.Contains("127.0.0.2", StringComparison.Ordinal));
        server.InternalPort = new Uri(addresses.Single(a => a.Contains("127.0.0.1", StringComparison.Ordinal))).Port;
        return server;
    }

    private void Map()
    {
        _app.Use((context, next) =>
        {
            var where = context.Connection.LocalIpAddress?.Equals(IPAddress.Loopback) == true ? "internal" : "allowed";
            // Copied: Kestrel reuses the request's header collection once the request is over.
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            Requests.Enqueue((where, context.Request.Path + context.Request.QueryString, headers));
            return next(context);
        });
        _app.MapGet("/img.png", () => Results.Bytes(Png, "image/png"));
        _app.MapGet("/page.html", () => Results.Content("<html><body>hello</body></html>", "text/html"));
        _app.MapGet("/page-as.png", () => Results.Bytes("<html><script>alert(1)</script></html>"u8.ToArray(), "image/png"));
        _app.MapGet("/svg-as.png", () => Results.Bytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>"u8.ToArray(), "image/png"));
        _app.MapGet("/style.css", () => Results.Content("body { background: url(/img.png?from-css) }", "text/css"));
        _app.MapGet("/font.woff", () => Results.Bytes("wOFF"u8.ToArray(), "font/woff"));
        _app.MapGet("/drip.png", DripAsync);
        _app.MapGet("/drawing.svg", () => Results.Bytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), "image/svg+xml"));
        _app.MapGet("/redirect", (string to) => Results.Redirect(to));
        _app.MapGet("/chain/{hops:int}", (int hops) => hops == 0 ? Results.Redirect("/img.png") : Results.Redirect($"/chain/{hops - 1}"));
        _app.MapGet("/declared-big.png", (HttpContext context) =>
        {
            context.Response.ContentLength = BigBodyBytes;
            context.Response.ContentType = "image/png";
            return context.Response.Body.WriteAsync(Png, context.RequestAborted).AsTask();
        });
        _app.MapGet("/big.png", WriteBigAsync);
        _app.MapGet("/slow.png", async (HttpContext context) =>
        {
            context.Response.ContentType = "image/png";
            await context.Response.Body.WriteAsync(Png.AsMemory(0, 8), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
    }

    /// <summary>A PNG header followed by a body far larger than allowed, with no Content-Length; counts what got out.</summary>
    private async Task WriteBigAsync(HttpContext context)
    {
        context.Response.ContentType = "image/png";
        var chunk = new byte[64 * 1024];
        Png.AsSpan(0, 8).CopyTo(chunk);
        long written = 0;
        try
        {
            while (written < BigBodyBytes && !context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                written += chunk.Length;

                // Kestrel completes writes to a connection the client closed without waiting: give the abort a moment
                // to be noticed now and then, or a busy machine counts 64 MB of discarded writes as sent.
                if (written % (4 * chunk.Length) == 0)
                {
                    await Task.Delay(1, context.RequestAborted);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The proxy hung up: exactly what the cap should do.
        }
        finally
        {
            BigBodyWritten.TrySetResult(written);
        }
    }

    /// <summary>Slowloris: a PNG header, then one byte every 100 ms for as long as the reader stays.</summary>
    private static async Task DripAsync(HttpContext context)
    {
        context.Response.ContentType = "image/png";
        await context.Response.Body.WriteAsync(Png.AsMemory(0, 8), context.RequestAborted);
        try
        {
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(new byte[] { 0 }, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(100, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The reader hung up.
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
