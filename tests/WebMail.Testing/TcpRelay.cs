using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebMail.Testing;

/// <summary>
/// A TCP relay in front of a real server, for outages a test can switch on and off: forward every byte
/// (<see cref="RelayMode.Forward"/>), answer every HTTP request with 503 (<see cref="RelayMode.ServiceUnavailable"/>),
/// or be stopped (<see cref="StopAsync"/>: the port refuses connections, open ones are cut) and started
/// again on the same port. It can also listen on another loopback address than the server (e.g. 127.0.0.2).
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _open = [];
    private readonly List<Task> _serving = [];
    private readonly TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TcpListener? _listener;
    private CancellationTokenSource? _running;
    private Task? _acceptLoop;
    private int _accepted;

    public TcpRelay(string targetHost, int targetPort, IPAddress? listenAddress = null)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        Address = listenAddress ?? IPAddress.Loopback;
        Start();
    }

    public IPAddress Address { get; }

    /// <summary>The port the relay listens on (kept across stop and start).</summary>
    public int Port { get; private set; }

    /// <summary>Where clients connect: <c>http://address:port</c>.</summary>
    public string HttpAddress => $"http://{Address}:{Port}";

    /// <summary>How the relay answers new connections.</summary>
    public RelayMode Mode { get; set; } = RelayMode.Forward;

    /// <summary>
    /// When set, the relay dies the moment a client sends these (ASCII) bytes, such as a command's name on a plain
    /// connection: that connection is reset before the bytes reach the server, and the port stops listening (as
    /// <see cref="StopAsync"/>). <see cref="WhenCut"/> completes then; <see cref="Start"/> brings the relay back.
    /// </summary>
    public string? CutWhenClientSends { get; set; }

    /// <summary>Completes once the relay died on <see cref="CutWhenClientSends"/> and stopped listening.</summary>
    public Task WhenCut => _cut.Task;

    /// <summary>Connections accepted so far (in any mode).</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Listens again (on the same port after the first start).</summary>
    public void Start()
    {
        lock (_lock)
        {
            if (_listener is not null)
            {
                return;
            }

            var listener = new TcpListener(Address, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listener = listener;
            _running = new CancellationTokenSource();
            _acceptLoop = AcceptAsync(listener, _running.Token);
        }
    }

    /// <summary>Stops listening and cuts every open connection: clients now get "connection refused".</summary>
    public async Task StopAsync()
    {
        Task? loop;
        lock (_lock)
        {
            if (_listener is null)
            {
                return;
            }

            _running!.Cancel();
            _listener.Stop();
            _listener = null;
            loop = _acceptLoop;
            foreach (var client in _open)
            {
                try
                {
                    // Reset, not a graceful close: like a provider that is gone.
                    client.Client?.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                    // Already closed by its own side.
                }

                client.Dispose();
            }

            _open.Clear();
        }

        if (loop is not null)
        {
            await loop;
        }

        Task[] serving;
        lock (_lock)
        {
            serving = [.. _serving];
            _serving.Clear();
        }

        await Task.WhenAll(serving);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            var mode = Mode;
            lock (_lock)
            {
                _open.Add(client);
                _serving.RemoveAll(t => t.IsCompleted);
                _serving.Add(Task.Run(() => ServeAsync(client, mode, cancellationToken), CancellationToken.None));
            }
        }
    }

    private async Task ServeAsync(TcpClient client, RelayMode mode, CancellationToken cancellationToken)
    {
        try
        {
            using (client)
            {
                var inbound = client.GetStream();
                if (mode == RelayMode.ServiceUnavailable)
                {
                    await ReadHeadersAsync(inbound, cancellationToken);
                    await inbound.WriteAsync("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken);
                    return;
                }

                using var server = new TcpClient();
                await server.ConnectAsync(_targetHost, _targetPort, cancellationToken);
                var outbound = server.GetStream();
                var up = CutWhenClientSends is { Length: > 0 } cut
                    ? ForwardUntilAsync(client, inbound, outbound, Encoding.ASCII.GetBytes(cut), cancellationToken)
                    : inbound.CopyToAsync(outbound, cancellationToken);
                var down = outbound.CopyToAsync(inbound, cancellationToken);
                await Task.WhenAny(up, down);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut connection is what a stopped relay is for.
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(client);
            }
        }
    }

    /// <summary>Forwards the client's bytes until <paramref name="cut"/> shows up in them; then resets the client and stops.</summary>
    private async Task ForwardUntilAsync(TcpClient client, NetworkStream inbound, NetworkStream outbound, byte[] cut, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        var tail = Array.Empty<byte>();
        while (true)
        {
            var read = await inbound.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            var seen = tail.Concat(buffer.Take(read)).ToArray();
            if (seen.AsSpan().IndexOf(cut) >= 0)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Client.Close();
                _ = Task.Run(async () =>
                {
                    await StopAsync();
                    _cut.TrySetResult();
                }, CancellationToken.None);
                return;
            }

            tail = seen[Math.Max(0, seen.Length - cut.Length)..];
            await outbound.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static async Task ReadHeadersAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}

/// <summary>What a <see cref="TcpRelay"/> does with a new connection.</summary>
public enum RelayMode
{
    /// <summary>Relays bytes both ways to the server.</summary>
    Forward,

    /// <summary>Answers the first HTTP request with <c>503 Service Unavailable</c> (a provider down behind its proxy).</summary>
    ServiceUnavailable,
}
