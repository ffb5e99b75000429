using System.Net;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WebMail.Web.Mail;

namespace WebMail.Web.Cluster;

/// <summary>
/// The one Redis connection of this process (a StackExchange.Redis multiplexer, shared by the bus, the locks, the
/// counters and the readiness check). A Redis that is down at start stops nothing: the multiplexer keeps trying on
/// its own, and every command fails at once while it is away (no backlog), so callers fall back to what works alone.
/// Failures are logged as warnings naming the endpoint, never the configuration string (it may hold a password).
/// </summary>
public sealed partial class RedisConnection : IAsyncDisposable
{
    private static readonly TimeSpan WarningInterval = TimeSpan.FromMinutes(1);
    private readonly ConfigurationOptions _configuration;
    private readonly ILogger _logger;
    private readonly LogRateLimiter _failures;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connect;

    public RedisConnection(IOptions<ClusterOptions> options, ILogger<RedisConnection> logger, TimeProvider time)
    {
        var cluster = options.Value;
        _configuration = Parse(cluster.Redis) ?? throw new OptionsValidationException(ClusterOptions.SectionName, typeof(ClusterOptions), ["WebMail:Cluster:Redis is not a valid StackExchange.Redis configuration string."]);
        _configuration.AbortOnConnectFail = false;
        _configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _configuration.ClientName ??= new string([.. cluster.EffectiveInstanceName.Where(char.IsAsciiLetterOrDigit).Take(40)]);
        Prefix = cluster.ChannelPrefix;
        _logger = logger;
        _failures = new LogRateLimiter(time, WarningInterval);
        _connect = new Lazy<Task<ConnectionMultiplexer>>(ConnectAsync);
    }

    /// <summary>What this installation's channel and keys start with (<see cref="ClusterOptions.ChannelPrefix"/>).</summary>
    public string Prefix { get; }

    /// <summary>The multiplexer, connected or still trying; the first call starts it.</summary>
    public Task<ConnectionMultiplexer> GetAsync() => _connect.Value;

    /// <summary>A key of this installation: <c>{prefix}:{name}</c>.</summary>
    public RedisKey Key(string name) => $"{Prefix}:{name}";

    /// <summary>Logs a failed Redis command as a warning (at most one a minute; the others at Debug), naming what was being done.</summary>
    public void CommandFailed(string what, Exception exception)
    {
        if (_failures.TryEnter(out var suppressed))
        {
            LogCommandFailed(_logger, what, exception.GetType().Name, suppressed);
        }
        else
        {
            LogCommandFailedQuietly(_logger, what, exception.GetType().Name);
        }
    }

    /// <summary>The parsed configuration string, or null when it is malformed or names no endpoint.</summary>
    internal static ConfigurationOptions? Parse(string value)
    {
        try
        {
            var configuration = ConfigurationOptions.Parse(value);
            return configuration.EndPoints.Count == 0 ? null : configuration;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or RedisException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connect.IsValueCreated)
        {
            try
            {
                await (await _connect.Value).DisposeAsync();
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
            {
                // Closing anyway.
            }
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(_configuration);
        multiplexer.ConnectionFailed += (_, e) => LogConnectionFailed(_logger, Describe(e.EndPoint), e.FailureType.ToString(), e.ConnectionType.ToString());
        multiplexer.ConnectionRestored += (_, e) => LogConnectionRestored(_logger, Describe(e.EndPoint), e.ConnectionType.ToString());
        if (!multiplexer.IsConnected)
        {
            LogNotConnectedAtStart(_logger, string.Join(", ", _configuration.EndPoints.Select(Describe)));
        }

        return multiplexer;
    }

    private static string Describe(EndPoint? endPoint) => endPoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        IPEndPoint ip => ip.ToString(),
        null => "unknown",
        _ => endPoint.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis (WebMail:Cluster:Redis) cannot be reached at {EndPoints}; this instance serves its own users and keeps trying. Push routing, sign-outs and settings changes between instances wait until it is back")]
    private static partial void LogNotConnectedAtStart(ILogger logger, string endPoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the Redis connection (WebMail:Cluster:Redis) to {EndPoint}: {Failure} ({Connection}); reconnecting")]
    private static partial void LogConnectionFailed(ILogger logger, string endPoint, string failure, string connection);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored ({Connection})")]
    private static partial void LogConnectionRestored(ILogger logger, string endPoint, string connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis (WebMail:Cluster:Redis) did not answer while {What}: {Error}; this instance went on alone. {Suppressed} similar failures were not logged since the last such warning")]
    private static partial void LogCommandFailed(ILogger logger, string what, string error, int suppressed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Redis did not answer while {What}: {Error}")]
    private static partial void LogCommandFailedQuietly(ILogger logger, string what, string error);
}
