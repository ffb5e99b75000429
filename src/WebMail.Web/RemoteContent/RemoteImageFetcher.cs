using System.Net;
using Microsoft.Extensions.Options;

namespace WebMail.Web.RemoteContent;

/// <summary>A remote image the proxy may pass on: its sniffed type and its bytes.</summary>
public sealed record RemoteImage(string ContentType, ReadOnlyMemory<byte> Bytes);

/// <summary>
/// Fetches one remote image for the proxy: http(s) only, ports 80, 443 or above 1023, no cookies, no Referer,
/// WebMail's own User-Agent, destinations checked by <see cref="DestinationGuard"/> on every connection,
/// redirects followed by hand (at most <see cref="MaxRedirects"/>, each target checked again), only raster
/// images (declared and sniffed), within a size and a time cap. Everything else is a
/// <see cref="RemoteContentRefusedException"/> whose message says why.
/// </summary>
public sealed class RemoteImageFetcher(IHttpClientFactory clients, IOptions<RemoteContentOptions> options, TimeProvider time)
{
    public const string ClientName = "WebMail.RemoteContent";
    public const int MaxRedirects = 3;

    public async Task<RemoteImage> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(settings.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await FetchCoreAsync(url, settings.MaxImageBytes, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new RemoteContentRefusedException($"it took longer than the {settings.TimeoutSeconds} s allowed");
        }
        catch (HttpRequestException ex)
        {
            throw FindRefusal(ex) ?? new RemoteContentRefusedException("the remote server could not be reached");
        }
        catch (IOException ex)
        {
            throw FindRefusal(ex) ?? new RemoteContentRefusedException("the connection to the remote server failed");
        }
    }

    private async Task<RemoteImage> FetchCoreAsync(Uri url, int maxBytes, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        for (var redirects = 0; ; redirects++)
        {
            CheckUrl(url);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (redirects == MaxRedirects)
                {
                    throw new RemoteContentRefusedException($"it redirected more than {MaxRedirects} times");
                }

                url = new Uri(url, location);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new RemoteContentRefusedException($"the remote server answered {(int)response.StatusCode}");
            }

            if (!ImageSniffer.IsAcceptedDeclaredType(response.Content.Headers.ContentType?.MediaType))
            {
                throw new RemoteContentRefusedException("it is not declared as an image");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new RemoteContentRefusedException($"it is larger than {maxBytes} bytes");
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using (stream.ConfigureAwait(false))
            {
                var bytes = await ReadCappedAsync(stream, maxBytes, cancellationToken);
                var type = ImageSniffer.Sniff(bytes.Span[..Math.Min(bytes.Length, ImageSniffer.HeaderLength)])
                    ?? throw new RemoteContentRefusedException("its bytes are not an image");
                return new RemoteImage(type, bytes);
            }
        }
    }

    /// <summary>Only http(s) to a web port; the addresses are checked when connecting.</summary>
    internal static void CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new RemoteContentRefusedException("only http and https addresses are fetched");
        }

        if (url.UserInfo.Length > 0 || (url.Port < 1024 && url.Port is not (80 or 443)))
        {
            throw new RemoteContentRefusedException("the address carries credentials or a non-web port");
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; one byte more and the download is abandoned.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadCappedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new RemoteContentRefusedException($"it is larger than {maxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    internal static RemoteContentRefusedException? FindRefusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is RemoteContentRefusedException refusal)
            {
                return refusal;
            }
        }

        return null;
    }
}
