using System.Net;
using System.Net.Sockets;

namespace WebMail.Mail.Html;

/// <summary>What a resource URL (image, background, CSS <c>url()</c>) turned out to be.</summary>
internal enum ResourceKind
{
    /// <summary>Anything we never load: relative, protocol-relative, data:, javascript:, file:, internal hosts...</summary>
    Rejected,

    /// <summary>A <c>cid:</c> reference; the value is the Content-ID without angle brackets.</summary>
    ContentId,

    /// <summary>An absolute http(s) URL on a public host; the value is its normalised form.</summary>
    Remote,
}

internal readonly record struct ResourceUrl(ResourceKind Kind, string Value);

/// <summary>
/// URL rules. Links: absolute http, https and mailto only. Resources: cid (rewritten by the
/// caller's resolver) or absolute http(s) to a public host; never relative URLs, so the mail
/// cannot make the browser request anything from our own origin. URLs are cleaned the way
/// browsers clean them (WHATWG: trim C0/space, drop tab/CR/LF) before any decision, and http(s)
/// URLs are emitted in their normalised form so the browser loads exactly what was checked.
/// </summary>
internal static class MailUrlPolicy
{
    private const int MaxUrlLength = 8192;

    /// <summary>Returns the URL to keep in <c>a href</c>, or null to remove it.</summary>
    public static string? NormalizeLink(string raw)
    {
        var url = Clean(raw);
        return GetScheme(url) switch
        {
            "mailto" when HasNoControlChars(url) => "mailto:" + url["mailto:".Length..],
            "http" or "https" => NormalizeHttp(url, allowInternalHosts: true),
            _ => null,
        };
    }

    /// <summary>Classifies a resource URL (img src, background, CSS url()).</summary>
    public static ResourceUrl ClassifyResource(string raw)
    {
        var url = Clean(raw);
        switch (GetScheme(url))
        {
            case "cid":
                var contentId = Uri.UnescapeDataString(url["cid:".Length..]).Trim().Trim('<', '>').Trim();
                return contentId.Length == 0 || !HasNoControlChars(contentId)
                    ? default
                    : new ResourceUrl(ResourceKind.ContentId, contentId);
            case "http" or "https":
                var normalized = NormalizeHttp(url, allowInternalHosts: false);
                return normalized is null ? default : new ResourceUrl(ResourceKind.Remote, normalized);
            default:
                return default;
        }
    }

    /// <summary>
    /// Whether a URL returned by the Content-ID resolver is acceptable: root-relative or absolute
    /// http(s), and free of characters that would need escaping in an attribute or CSS string.
    /// </summary>
    public static bool IsSafeAppUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > MaxUrlLength)
        {
            return false;
        }

        foreach (var c in url)
        {
            if (c <= ' ' || c == 0x7F || c is '"' or '\'' or '(' or ')' or '\\' or '<' or '>' or '`')
            {
                return false;
            }
        }

        if (url[0] == '/')
        {
            return url.Length == 1 || url[1] != '/';
        }

        return GetScheme(url) is "http" or "https" && NormalizeHttp(url, allowInternalHosts: true) is not null;
    }

    /// <summary>WHATWG URL pre-processing: strip leading/trailing C0 and space, remove tab/CR/LF.</summary>
    internal static string Clean(string raw)
    {
        var span = raw.AsSpan().Trim("\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F ");
        if (span.IndexOfAny('\t', '\n', '\r') < 0)
        {
            return span.ToString();
        }

        var builder = new System.Text.StringBuilder(span.Length);
        foreach (var c in span)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Lower-case scheme of an absolute URL, or null for relative ones.</summary>
    internal static string? GetScheme(string url)
    {
        if (url.Length == 0 || !char.IsAsciiLetter(url[0]))
        {
            return null;
        }

        for (var i = 1; i < url.Length; i++)
        {
            var c = url[i];
            if (c == ':')
            {
                return url[..i].ToLowerInvariant();
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return null;
            }
        }

        return null;
    }

    private static bool HasNoControlChars(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string? NormalizeHttp(string url, bool allowInternalHosts)
    {
        if (url.Length > MaxUrlLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.UserInfo.Length > 0
            || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var host = TryGetAddress(uri, out var address);
        if (!host || (!allowInternalHosts && (address is null ? IsInternalName(uri.IdnHost) : IsInternal(address))))
        {
            return null;
        }

        return uri.AbsoluteUri;
    }

    /// <summary>
    /// Gets the IP address a host really denotes (browsers read <c>2130706433</c>, <c>0x7f.1</c>
    /// and <c>127.0.0.1.</c> as 127.0.0.1), or null for a DNS name. False when the host looks
    /// numeric but is no valid address (the browser would refuse it too).
    /// </summary>
    private static bool TryGetAddress(Uri uri, out IPAddress? address)
    {
        address = null;
        switch (uri.HostNameType)
        {
            case UriHostNameType.IPv4:
            case UriHostNameType.IPv6:
                return IPAddress.TryParse(uri.Host.Trim('[', ']'), out address);
            case UriHostNameType.Dns:
                var host = uri.IdnHost.TrimEnd('.');
                var lastLabel = host[(host.LastIndexOf('.') + 1)..];
                if (!EndsInNumber(lastLabel))
                {
                    return true;
                }

                address = Ipv4Parser.Parse(host);
                return address is not null;
            default:
                return false;
        }
    }

    private static bool EndsInNumber(string label) =>
        label.Length > 0 && (label.All(char.IsAsciiDigit)
            || (label.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && label[2..].All(char.IsAsciiHexDigit)));

    private static bool IsInternalName(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        return name.Length == 0 || name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal);
    }

    private static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any)
                || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 or >= 224
            || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)
            || (b[0] == 198 && b[1] is 18 or 19);
    }
}
