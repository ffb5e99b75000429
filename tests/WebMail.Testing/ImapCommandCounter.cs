using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebMail.Testing;

/// <summary>
/// A plaintext IMAP proxy that counts the commands its clients send: listens on 127.0.0.1 (a free port),
/// forwards every byte unchanged both ways to the real server, and reads the client's tagged commands by
/// name (<c>SELECT</c>, <c>UID FETCH</c>, <c>IDLE</c>...) per connection. IDLE's <c>DONE</c> and SASL
/// responses are continuations, not commands; literals (<c>{n}</c>, <c>{n+}</c>) are skipped, not parsed.
/// Point the app at <see cref="Port"/> with <c>WebMail:Imap:Security=None</c>: after STARTTLS or COMPRESS
/// nothing can be read any more and the connection is marked <see cref="ImapConnectionCounts.Opaque"/>.
/// Not handled: a synchronizing literal the server refuses (the client then sends no data; MailKit uses LITERAL+).
/// </summary>
public sealed class ImapCommandCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<Connection> _connections = [];
    private readonly List<ImapCommandRecord> _log = [];
    private readonly List<Task> _pumps = [];
    private readonly Task _accepting;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    private ImapCommandCounter(string upstreamHost, int upstreamPort)
    {
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Starts a counter in front of the stack's plaintext IMAP port (or another server).</summary>
    public static ImapCommandCounter Start(string host = MailStack.Host, int? port = null) => new(host, port ?? MailStack.ImapPort);

    /// <summary>The local port to connect to instead of the server's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Counts and the ordered command log since the start or the last <see cref="Reset"/>.</summary>
    public ImapCommandSnapshot Snapshot()
    {
        lock (_lock)
        {
            return SnapshotLocked();
        }
    }

    /// <summary>Zeroes every count and the log; open connections stay known (closed ones are forgotten).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _connections.RemoveAll(c => !c.Open);
            foreach (var c in _connections)
            {
                c.Commands.Clear();
            }

            _log.Clear();
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for a snapshot (re-checked after every command, response state change or connection).</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="timeout"/>; the message carries the last snapshot.</exception>
    public async Task<ImapCommandSnapshot> WaitUntilAsync(Func<ImapCommandSnapshot, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            ImapCommandSnapshot snapshot;
            lock (_lock)
            {
                changed = _changed.Task;
                snapshot = SnapshotLocked();
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"IMAP condition not met within {timeout.TotalSeconds:0} s; seen: {snapshot}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] pumps;
        lock (_lock)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps.Append(_accepting)).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_lock)
            {
                _pumps.Add(ProxyAsync(client));
            }
        }
    }

    private async Task ProxyAsync(TcpClient client)
    {
        var connection = new Connection(Interlocked.Increment(ref _nextId));
        using var upstream = new TcpClient();
        using (client)
        {
            try
            {
                await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                return;
            }

            Changed(() => _connections.Add(connection));
            client.NoDelay = upstream.NoDelay = true;
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var fromClient = new ImapStreamParser(line => Changed(() => OnClientLine(connection, line)));
            var fromServer = new ImapStreamParser(line => Changed(() => OnServerLine(connection, line)));
            var up = PumpAsync(client.GetStream(), upstream.GetStream(), fromClient, connection, done);
            var down = PumpAsync(upstream.GetStream(), client.GetStream(), fromServer, connection, done);
            await Task.WhenAll(up, down);
            Changed(() => connection.Open = false);
        }
    }

    /// <summary>Reads, parses (before forwarding, so a command is counted before its answer can exist), writes; the first side to end ends both.</summary>
    private static async Task PumpAsync(NetworkStream from, NetworkStream to, ImapStreamParser parser, Connection connection, CancellationTokenSource done)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, done.Token)) > 0)
            {
                if (!connection.Opaque)
                {
                    parser.Feed(buffer.AsSpan(0, read));
                }

                await to.WriteAsync(buffer.AsMemory(0, read), done.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A side closed or reset the connection: end the other side too.
        }
        finally
        {
            await done.CancelAsync();
        }
    }

    private void OnClientLine(Connection c, string line)
    {
        if (c.PendingAuthenticateTag is not null)
        {
            // A SASL response to the server's "+" challenge, not a command.
            c.User ??= PlainUser(line);
            return;
        }

        if (c.PendingIdleTag is not null && line.Equals("DONE", StringComparison.OrdinalIgnoreCase))
        {
            c.Idling = false;
            _log.Add(new ImapCommandRecord(c.Id, ImapCommandRecord.Done, System.Diagnostics.Stopwatch.GetTimestamp()));
            return;
        }

        var parts = line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return;
        }

        var (tag, name) = (parts[0], parts[1].ToUpperInvariant());
        if (name == "UID" && parts.Length > 2)
        {
            name = "UID " + parts[2].ToUpperInvariant();
        }

        c.Count(name);
        _log.Add(new ImapCommandRecord(c.Id, name, System.Diagnostics.Stopwatch.GetTimestamp()));
        switch (name)
        {
            case "IDLE":
                c.PendingIdleTag = tag;
                break;
            case "AUTHENTICATE":
                c.PendingAuthenticateTag = tag;
                c.User ??= parts.Length > 3 && parts[2].Equals("PLAIN", StringComparison.OrdinalIgnoreCase) ? PlainUser(parts[3]) : null;
                break;
            case "LOGIN" when parts.Length > 2:
                c.User ??= parts[2].Trim('"');
                break;
            case "STARTTLS" or "COMPRESS":
                c.Opaque = true;
                break;
        }
    }

    private static void OnServerLine(Connection c, string line)
    {
        if (line.StartsWith('+') && c.PendingIdleTag is not null)
        {
            c.Idling = true;
        }
        else if (c.PendingIdleTag is { } idle && line.StartsWith(idle + " ", StringComparison.Ordinal))
        {
            (c.PendingIdleTag, c.Idling) = (null, false);
        }
        else if (c.PendingAuthenticateTag is { } auth && line.StartsWith(auth + " ", StringComparison.Ordinal))
        {
            c.PendingAuthenticateTag = null;
        }
    }

    /// <summary>The user of a SASL PLAIN response (base64 of "authzid\0user\0password"); the password is dropped at once.</summary>
    private static string? PlainUser(string base64)
    {
        try
        {
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim())).Split('\0');
            return fields.Length == 3 ? fields[1] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Applies a state change under the lock and wakes every <see cref="WaitUntilAsync"/>.</summary>
    private void Changed(Action change)
    {
        lock (_lock)
        {
            change();
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    private ImapCommandSnapshot SnapshotLocked() =>
        new([.. _connections.Select(c => new ImapConnectionCounts(c.Id, c.User, c.Open, c.Idling, c.Opaque, new Dictionary<string, int>(c.Commands, StringComparer.Ordinal)))], [.. _log]);

    private sealed class Connection(int id)
    {
        public int Id { get; } = id;

        public string? User { get; set; }

        public bool Open { get; set; } = true;

        public bool Idling { get; set; }

        public bool Opaque { get; set; }

        public string? PendingIdleTag { get; set; }

        public string? PendingAuthenticateTag { get; set; }

        public Dictionary<string, int> Commands { get; } = new(StringComparer.Ordinal);

        public void Count(string name) => Commands[name] = Commands.GetValueOrDefault(name) + 1;
    }
}
