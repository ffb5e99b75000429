using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace WebMail.Web.RemoteContent;

/// <summary>
/// Writes and reads the proxy URLs put into a message frame. Each carries the remote URL and the frame's token,
/// sealed with Data Protection (encrypted and authenticated), under the frame's own path
/// (<c>/mail/frame/{token}/remote/{sealed}</c>): the proxy fetches only URLs WebMail itself wrote into a frame,
/// only while that frame lives (frames belong to one sign-in), and the frame's CSP can allow exactly its own path.
/// </summary>
public sealed class RemoteContentUrls(IDataProtectionProvider protection, IOptions<RemoteContentOptions> options)
{
    /// <summary>Longer remote URLs are not proxied (the sealed form must fit a request line).</summary>
    public const int MaxUrlLength = 2048;

    private readonly IDataProtector _protector = protection.CreateProtector("WebMail.RemoteContent.ProxyUrl.v1");

    public RemoteContentMode Mode => options.Value.Mode;

    /// <summary>The rewriter for the sanitizer when remote content is shown in frame <paramref name="token"/>; null in Direct mode.</summary>
    public Func<string, string?>? RewriterFor(string basePath, string token) => Mode switch
    {
        RemoteContentMode.Proxy => url => url.Length > MaxUrlLength ? null : $"{basePath}mail/frame/{token}/remote/{Seal(token, url)}",
        _ => null,
    };

    /// <summary>Reads the remote URL sealed in <paramref name="payload"/>; false when it was not written for this frame.</summary>
    public bool TryRead(string token, string payload, [NotNullWhen(true)] out Uri? url)
    {
        url = null;
        try
        {
            var text = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(payload)));
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return newline > 0 && string.Equals(text[..newline], token, StringComparison.Ordinal)
                && Uri.TryCreate(text[(newline + 1)..], UriKind.Absolute, out url);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return false;
        }
    }

    private string Seal(string token, string url) => WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(token + "\n" + url)));
}
