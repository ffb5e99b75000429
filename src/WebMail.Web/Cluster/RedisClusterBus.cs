using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WebMail.Web.Cluster;

/// <summary>
/// The bus over Redis pub/sub: one channel, <c>{prefix}:bus</c>, that every instance publishes to and listens on.
/// Each message is a small JSON envelope (<c>{"type","from","body"}</c>) tagged with the sending instance, which
/// ignores its own. One channel rather than one per instance or per user bucket: the sender needs no registry of who
/// holds which user (a registry would need a write per session and be stale after a failover), a push needs a single
/// PUBLISH (no lookup before it: latency), and each instance only does a dictionary lookup per message — cheap for the
/// handful of instances one proxy fronts.
/// </summary>
internal sealed partial class RedisClusterBus : IClusterBus, IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly RedisConnection _connection;
    private readonly ILogger _logger;
    private readonly RedisChannel _channel;
    private readonly ConcurrentDictionary<string, List<Func<JsonElement, Task>>> _handlers = new(StringComparer.Ordinal);
    private int _subscribed;

    public RedisClusterBus(RedisConnection connection, IOptions<ClusterOptions> options, ILogger<RedisClusterBus> logger)
    {
        _connection = connection;
        _logger = logger;
        InstanceName = options.Value.EffectiveInstanceName;
        _channel = RedisChannel.Literal(connection.Prefix + ":bus");
    }

    public string InstanceName { get; }

    public bool Clustered => true;

    public async Task<bool> PublishAsync<T>(ClusterTopic<T> topic, T message)
    {
        var envelope = JsonSerializer.SerializeToUtf8Bytes(new Envelope(topic.Name, InstanceName, JsonSerializer.SerializeToElement(message, Json)), Json);
        try
        {
            var multiplexer = await _connection.GetAsync();
            await multiplexer.GetSubscriber().PublishAsync(_channel, envelope);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException or TimeoutException)
        {
            _connection.CommandFailed($"telling the other instances ({topic.Name})", ex);
            return false;
        }
    }

    public void Subscribe<T>(ClusterTopic<T> topic, Func<T, Task> handler)
    {
        var list = _handlers.GetOrAdd(topic.Name, _ => []);
        lock (list)
        {
            list.Add(body => body.Deserialize<T>(Json) is { } message ? handler(message) : Task.CompletedTask);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var multiplexer = await _connection.GetAsync();

        // Subscriptions are restored by the multiplexer after a reconnect; one that could not be made at start (Redis
        // down) is made when the connection first comes up.
        multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription || Volatile.Read(ref _subscribed) == 0)
            {
                _ = SubscribeAsync(multiplexer);
            }
        };
        await SubscribeAsync(multiplexer);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SubscribeAsync(ConnectionMultiplexer multiplexer)
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 1)
        {
            return;
        }

        try
        {
            await multiplexer.GetSubscriber().SubscribeAsync(_channel, OnMessage);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException or TimeoutException)
        {
            Volatile.Write(ref _subscribed, 0);
            _connection.CommandFailed("listening to the other instances", ex);
        }
    }

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        Envelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize<Envelope>((byte[])value!, Json);
        }
        catch (JsonException)
        {
            envelope = null;
        }

        if (envelope is null || envelope.Type is null || envelope.From is null)
        {
            LogUnreadable(_logger);
            return;
        }

        if (envelope.From == InstanceName || !_handlers.TryGetValue(envelope.Type, out var list))
        {
            return;
        }

        Func<JsonElement, Task>[] handlers;
        lock (list)
        {
            handlers = [.. list];
        }

        foreach (var handler in handlers)
        {
            _ = RunAsync(handler, envelope);
        }
    }

    private async Task RunAsync(Func<JsonElement, Task> handler, Envelope envelope)
    {
        try
        {
            await handler(envelope.Body);
        }
        catch (Exception ex)
        {
            // One failing listener must not keep the message from the others, nor stop the subscription.
            LogHandlerFailed(_logger, envelope.Type, ex.GetType().Name);
        }
    }

    private sealed record Envelope(string Type, string From, JsonElement Body);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An unreadable message arrived on the instances' Redis channel; ignored (another WebMail version, or another program using the same WebMail:Cluster:ChannelPrefix?)")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling a '{Type}' message from another instance failed: {Error}")]
    private static partial void LogHandlerFailed(ILogger logger, string type, string error);
}
