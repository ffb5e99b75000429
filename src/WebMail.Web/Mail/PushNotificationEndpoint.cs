using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using WebMail.Mail.Sessions;
using WebMail.Web.Cluster;

namespace WebMail.Web.Mail;

/// <summary>
/// <c>PUT|POST /internal/dovecot/push</c>: the mail server says mail was delivered (Dovecot's push_notification
/// plugin, "ox" driver), and the user's session asks the server at once instead of waiting for IDLE. The
/// caller is a server, not a browser: it authenticates with the shared secret (HTTP Basic), never with the
/// app's cookie, and a bad request changes nothing.
/// </summary>
public static class PushNotificationEndpoint
{
    public const string Path = "/internal/dovecot/push";

    public static WebApplicationBuilder AddWebMailPushNotifications(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PushNotificationOptions>().BindConfiguration(PushNotificationOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<PushNotificationOptions>, PushNotificationOptionsValidator>();
        builder.Services.AddSingleton<PushNotificationReceiver>();
        return builder;
    }

    public static WebApplication MapWebMailPushNotifications(this WebApplication app)
    {
        // Dovecot's ox driver sends PUT; POST for other senders.
        app.MapMethods(Path, [HttpMethods.Put, HttpMethods.Post], (HttpContext context, PushNotificationReceiver receiver) => receiver.ReceiveAsync(context))
            .AllowAnonymous()      // its own authentication: the shared secret, checked by the receiver
            .DisableAntiforgery(); // called by a mail server, never by a browser form
        return app;
    }
}

/// <summary>
/// Checks one push notification and pokes the user's session; with several instances it also publishes it on the
/// <see cref="IClusterBus"/>, and the instance holding the user's session pokes it (<see cref="OnRoutedAsync"/>).
/// Counts each outcome (meter WebMail.Web, <c>webmail.push.notifications</c>): on the instance the mail server reached,
/// result accepted with session poked (held here), routed (sent to the other instances) or none; on an instance that
/// poked a session for another's message, result routed with session poked.
/// </summary>
internal sealed partial class PushNotificationReceiver
{
    /// <summary>Largest body accepted; Dovecot's events are well under 1 KB.</summary>
    internal const int MaxBodyBytes = 64 * 1024;

    /// <summary>At most one "refused" warning per this interval; the others go to Debug and are counted in the next warning.</summary>
    internal static readonly TimeSpan RefusalLogInterval = TimeSpan.FromMinutes(1);

    private const int MaxUserNameLength = 320;
    private const string Challenge = "Basic realm=\"WebMail push notifications\", charset=\"UTF-8\"";

    private readonly byte[]? _expectedCredentials;
    private readonly ImapSessionPool _pool;
    private readonly IClusterBus? _bus;
    private readonly Counter<long> _notifications;
    private readonly ILogger _logger;

    // A refused request is a warning, but a flood of them (a scanner, a misconfigured server) must not flood the log.
    private readonly LogRateLimiter _refusals;

    public PushNotificationReceiver(
        IOptions<PushNotificationOptions> options, ImapSessionPool pool, IMeterFactory meters, ILogger<PushNotificationReceiver> logger, TimeProvider time, IClusterBus? bus = null)
    {
        _bus = bus;
        _refusals = new LogRateLimiter(time, RefusalLogInterval);
        var settings = options.Value;

        // Only a hash of "user:secret" is kept; comparing hashes takes the same time whatever the guess.
        _expectedCredentials = settings.Enabled ? SHA256.HashData(Encoding.UTF8.GetBytes($"{settings.User}:{settings.Secret}")) : null;
        _pool = pool;
        _logger = logger;
        _notifications = meters.Create("WebMail.Web").CreateCounter<long>(
            "webmail.push.notifications", unit: "{notification}", description: "Push notifications from the mail server, by result (accepted, unauthorized, invalid)");
    }

    public async Task<IResult> ReceiveAsync(HttpContext context)
    {
        if (_expectedCredentials is null)
        {
            return Results.NotFound();
        }

        var request = context.Request;
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!HasValidCredentials(request.Headers.Authorization))
        {
            Count("unauthorized");
            if (_refusals.TryEnter(out var suppressed))
            {
                LogUnauthorized(_logger, remote, suppressed);
            }
            else
            {
                LogRefusedQuietly(_logger, "missing or wrong credentials", remote);
            }

            context.Response.Headers.WWWAuthenticate = Challenge;
            return Results.Unauthorized();
        }

        // A JSON body cannot come from a plain cross-site form: browsers preflight it.
        if (request.GetTypedHeaders().ContentType is not { } type ||
            !(type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            return Invalid(remote, "the content type is not JSON", StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Invalid(remote, $"the body is larger than {MaxBodyBytes} bytes");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var length = await ReadAtMostAsync(request.Body, buffer.AsMemory(0, MaxBodyBytes + 1), context.RequestAborted);
            if (length > MaxBodyBytes)
            {
                return Invalid(remote, $"the body is larger than {MaxBodyBytes} bytes");
            }

            if (ReadUser(buffer.AsMemory(0, length)) is not { } user)
            {
                return Invalid(remote, "the body is not a JSON object with a \"user\" string");
            }

            // Poke here first (the common case with user affinity), then tell the others: during a failover, or with
            // two browsers without the affinity cookie, another instance may hold a session of the same user too.
            var poked = _pool.Poke(user);
            var routed = _bus is { Clustered: true } && await _bus.PublishAsync(ClusterTopics.Push, new PushMessage(user));
            Count("accepted", poked ? "poked" : routed ? "routed" : "none");
            LogAccepted(_logger, user, poked);
            return Results.NoContent();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Another instance received a push: pokes the user's session if this instance holds it.</summary>
    internal Task OnRoutedAsync(PushMessage message)
    {
        if (_pool.Poke(message.User))
        {
            Count("routed", "poked");
            LogRoutedPoke(_logger, message.User);
        }

        return Task.CompletedTask;
    }

    private bool HasValidCredentials(StringValues header)
    {
        const string scheme = "Basic ";
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = value.AsSpan(scheme.Length).Trim();
        Span<byte> decoded = stackalloc byte[768];
        if (encoded.Length > 1024 || !Convert.TryFromBase64Chars(encoded, decoded, out var written))
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(decoded[..written], hash);
        return CryptographicOperations.FixedTimeEquals(hash, _expectedCredentials);
    }

    /// <summary>Reads until the end of the body or until <paramref name="buffer"/> is full.</summary>
    private static async Task<int> ReadAtMostAsync(Stream body, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await body.ReadAsync(buffer[total..], cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }

    /// <summary>The event's user name (Dovecot: the user it delivered to), or null when the body is not such an event.</summary>
    private static string? ReadUser(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("user", out var property) || property.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var user = property.GetString();
            return string.IsNullOrWhiteSpace(user) || user.Length > MaxUserNameLength || user.Any(char.IsControl) ? null : user;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private IResult Invalid(string remote, string reason, int status = StatusCodes.Status400BadRequest)
    {
        Count("invalid");
        if (_refusals.TryEnter(out var suppressed))
        {
            LogInvalid(_logger, reason, remote, suppressed);
        }
        else
        {
            LogRefusedQuietly(_logger, reason, remote);
        }

        return Results.StatusCode(status);
    }

    private void Count(string result, string? session = null)
    {
        var tags = new TagList { { "result", result } };
        if (session is not null)
        {
            tags.Add("session", session);
        }

        _notifications.Add(1, tags);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push notification refused: missing or wrong credentials (from {RemoteAddress}); check the secret in the mail server's notification URL. {Suppressed} other refused push requests were not logged since the last such warning")]
    private static partial void LogUnauthorized(ILogger logger, string remoteAddress, int suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Push notification refused: {Reason} (from {RemoteAddress}). {Suppressed} other refused push requests were not logged since the last such warning")]
    private static partial void LogInvalid(ILogger logger, string reason, string remoteAddress, int suppressed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Push notification refused: {Reason} (from {RemoteAddress}); warning held back (at most one a minute)")]
    private static partial void LogRefusedQuietly(ILogger logger, string reason, string remoteAddress);

    // The user name is an address: Debug only.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Push notification for {User}; session poked: {Poked}")]
    private static partial void LogAccepted(ILogger logger, string user, bool poked);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Push notification for {User} routed from another instance; session poked")]
    private static partial void LogRoutedPoke(ILogger logger, string user);
}
