using System.Net;

namespace WebMail.Web.RemoteContent;

/// <summary>
/// Resolves the host names of remote URLs for the image proxy (DNS). <see cref="DestinationGuard"/> checks every address
/// it returns; tests put the names of their stand-in servers in front of it.
/// </summary>
public class RemoteHostResolver
{
    public virtual Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
