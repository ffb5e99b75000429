using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WebMail.Web.Mail;

namespace WebMail.Web.RemoteContent;

/// <summary>
/// The image proxy: <c>GET /mail/frame/{token}/remote/{sealed}</c>. Loaded by the sandboxed frame, whose opaque
/// origin carries no cookies, so (as for inline cid images) the live frame token and the sealed URL are the
/// authority: a request without both is refused before anything is fetched.
/// </summary>
public static partial class RemoteContentEndpoint
{
    public static WebApplicationBuilder AddWebMailRemoteContent(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RemoteContentOptions>().BindConfiguration(RemoteContentOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<RemoteHostResolver>();
        builder.Services.AddSingleton<DestinationGuard>();
        builder.Services.AddSingleton<RemoteContentUrls>();
        builder.Services.AddSingleton<RemoteImageFetcher>();
        builder.Services.AddSingleton<RemoteContentSenders>();
        builder.Services.AddHttpClient(RemoteImageFetcher.ClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the fetcher's own cap covers redirects and body together
                client.DefaultRequestHeaders.UserAgent.ParseAdd("WebMail-ImageProxy/1.0");
                client.DefaultRequestHeaders.Accept.ParseAdd("image/avif,image/webp,image/png,image/jpeg,image/gif;q=0.9,image/*;q=0.8");
            })
            .ConfigurePrimaryHttpMessageHandler(GuardedHandler)
            .RemoveAllLoggers();
        return builder;
    }

    /// <summary>
    /// The one outbound handler for URLs taken from messages (the image proxy, one-click unsubscribe): every connection
    /// through <see cref="DestinationGuard"/>, no redirects followed by the handler, no cookies, no proxy.
    /// </summary>
    public static SocketsHttpHandler GuardedHandler(IServiceProvider services) => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        MaxResponseDrainSize = 0, // a refused body is cut off, never read to the end for the connection's sake
        ConnectCallback = services.GetRequiredService<DestinationGuard>().ConnectAsync,
        ActivityHeadersPropagator = null, // no trace ids to senders' servers (README, "Telemetry")
    };

    public static WebApplication MapWebMailRemoteContent(this WebApplication app)
    {
        app.MapGet("/mail/frame/{token}/remote/{payload}", ServeAsync).AllowAnonymous();
        return app;
    }

    private static async Task ServeAsync(string token, string payload, HttpContext context, MessageFrameStore frames,
        RemoteContentUrls urls, RemoteImageFetcher fetcher, ILoggerFactory loggers)
    {
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.Headers["Referrer-Policy"] = "no-referrer";
        if (urls.Mode != RemoteContentMode.Proxy || frames.Get(token) is not { AllowRemote: true }
            || !urls.TryRead(token, payload, out var url))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var logger = loggers.CreateLogger(typeof(RemoteContentEndpoint));
        RemoteImage image;
        try
        {
            image = await fetcher.FetchAsync(url, context.RequestAborted);
        }
        catch (RemoteContentRefusedException ex)
        {
            LogRefused(logger, url.Host, ex.Message);
            response.StatusCode = StatusCodes.Status502BadGateway;
            response.ContentType = "text/plain; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            await response.WriteAsync($"The image was not loaded: {ex.Message}.", context.RequestAborted);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the frame went away
        }

        response.ContentType = image.ContentType;
        response.ContentLength = image.Bytes.Length;
        response.Headers.CacheControl = "private, max-age=3600";
        await response.Body.WriteAsync(image.Bytes, context.RequestAborted);
    }

    /// <summary>Debug only: the host comes from a message, and a newsletter full of dead trackers would flood the log.</summary>
    [LoggerMessage(Level = LogLevel.Debug, Message = "Remote image from {Host} not passed on: {Reason}")]
    private static partial void LogRefused(ILogger logger, string host, string reason);
}
