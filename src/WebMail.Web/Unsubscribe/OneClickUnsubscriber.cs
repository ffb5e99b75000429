using System.Net.Http.Headers;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebMail.Web.RemoteContent;
using WebMail.Web.Resources;

namespace WebMail.Web.Unsubscribe;

/// <summary>What an unsubscribe came to, in a sentence for the user.</summary>
public sealed record UnsubscribeOutcome(bool Done, string Sentence);

/// <summary>
/// RFC 8058 one-click unsubscribe, sent by the server: <c>POST</c> with the body <c>List-Unsubscribe=One-Click</c>
/// to an https URI, through the image proxy's guarded outbound handler (<see cref="DestinationGuard"/> on every
/// connection, no cookies, no proxy), within a time cap. Redirects are followed only on the same host (at most
/// <see cref="RemoteImageFetcher.MaxRedirects"/>); a redirect to another host ends it, nothing is sent there.
/// </summary>
public sealed class OneClickUnsubscriber(IHttpClientFactory clients, IOptions<UnsubscribeOptions> options, TimeProvider time, IStringLocalizer<Strings> l)
{
    public const string ClientName = "WebMail.Unsubscribe";
    public const string Body = "List-Unsubscribe=One-Click";

    public async Task<UnsubscribeOutcome> PostAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var seconds = options.Value.TimeoutSeconds;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await PostCoreAsync(url, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new UnsubscribeOutcome(false, l["Could not reach {0}: it did not answer within {1} seconds.", url.Host, seconds]);
        }
        catch (RemoteContentRefusedException ex)
        {
            return new UnsubscribeOutcome(false, l["Could not reach {0}: {1}.", url.Host, ex.Message]);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var reason = RemoteImageFetcher.FindRefusal(ex)?.Message ?? l["the connection failed"];
            return new UnsubscribeOutcome(false, l["Could not reach {0}: {1}.", url.Host, reason]);
        }
    }

    private async Task<UnsubscribeOutcome> PostCoreAsync(Uri url, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var host = url.IdnHost;
        for (var redirects = 0; ; redirects++)
        {
            RemoteImageFetcher.CheckUrl(url);
            if (url.Scheme != Uri.UriSchemeHttps)
            {
                throw new RemoteContentRefusedException("one-click unsubscribe is only sent over https");
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(System.Text.Encoding.ASCII.GetBytes(Body)) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = new Uri(url, location);
                if (!string.Equals(next.IdnHost, host, StringComparison.OrdinalIgnoreCase))
                {
                    return new UnsubscribeOutcome(false, l["The list's server sent the request on to another site ({0}); it was not followed, so you may still be subscribed.", next.Host]);
                }

                if (redirects == RemoteImageFetcher.MaxRedirects)
                {
                    return new UnsubscribeOutcome(false, l["The list's server redirected more than {0} times; you may still be subscribed.", RemoteImageFetcher.MaxRedirects]);
                }

                url = next;
                continue;
            }

            return status is >= 200 and < 300
                ? new UnsubscribeOutcome(true, l["Unsubscribed."])
                : new UnsubscribeOutcome(false, l["The list's server refused (HTTP {0}).", status]);
        }
    }
}
