using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace WebMail.Web.Tests.Cluster;

/// <summary>A Redis of the test's own on a loopback port from 56380–56389 (deploy/redis.sh's is shared), that the test can stop.</summary>
internal sealed class OwnRedis : IAsyncDisposable
{
    private Process? _process;

    private OwnRedis(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A free port of the range, with nothing started on it yet.</summary>
    public static OwnRedis OnFreePort()
    {
        foreach (var port in Enumerable.Range(56380, 10).OrderBy(_ => Random.Shared.Next()))
        {
            if (!Answers(port))
            {
                return new OwnRedis(port);
            }
        }

        throw new InvalidOperationException("no free port in 56380-56389 for a test Redis");
    }

    /// <summary>Starts redis-server and waits until it answers; a server that exits (its port briefly taken) is started again.</summary>
    public async Task StartAsync()
    {
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        for (var attempt = 0; ; attempt++)
        {
            _process?.Dispose();
            _process = Process.Start(new ProcessStartInfo("redis-server", ["--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            _process.OutputDataReceived += (_, e) => said.Enqueue(e.Data ?? "");
            _process.ErrorDataReceived += (_, e) => said.Enqueue(e.Data ?? "");
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            var process = _process;
            await ClusterInstances.UntilAsync(() => Answers(Port) || process.HasExited, $"Redis answers on {Port} or exits");
            if (Answers(Port))
            {
                return;
            }

            Assert.True(attempt < 5, $"redis-server on {Port} kept exiting: {string.Join(" | ", said.TakeLast(5))}");
            await Task.Delay(500);
        }
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static bool Answers(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
