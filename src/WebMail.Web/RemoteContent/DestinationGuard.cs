using System.Collections.Frozen;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace WebMail.Web.RemoteContent;

/// <summary>
/// Decides which addresses the image proxy may connect to, and connects (the proxy's HttpClient
/// <c>ConnectCallback</c>): the name is resolved here, every address it resolves to is checked, and the
/// address actually connected to is checked again, so a name that resolves to a public address for a
/// check and to a private one for the connection (DNS rebinding) gains nothing. Refused: loopback,
/// private, shared (100.64/10), link-local, multicast, unspecified, reserved and documentation ranges,
/// their IPv4-mapped forms, and this machine's own addresses.
/// </summary>
public sealed class DestinationGuard
{
    private readonly FrozenSet<IPAddress> _allowedForTests;
    private readonly Lazy<FrozenSet<IPAddress>> _ownAddresses = new(ReadOwnAddresses);

    private readonly RemoteHostResolver _resolver;

    public DestinationGuard(IOptions<RemoteContentOptions> options, RemoteHostResolver resolver)
    {
        _allowedForTests = options.Value.AllowedTestAddresses.Select(IPAddress.Parse).Select(Canonical).ToFrozenSet();
        _resolver = resolver;
    }

    /// <summary>Whether the proxy may connect to <paramref name="address"/>.</summary>
    public bool IsAllowed(IPAddress address)
    {
        address = Canonical(address);
        return _allowedForTests.Contains(address) || (IsPublic(address) && !_ownAddresses.Value.Contains(address));
    }

    /// <summary>The HttpClient connect step: resolve, check, connect, check the connected peer.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await _resolver.ResolveAsync(host, cancellationToken);

        // A name that mixes public and private addresses is refused as a whole, not filtered.
        if (addresses.Length == 0 || !addresses.All(IsAllowed))
        {
            throw new RemoteContentRefusedException("the address is not a public one");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            if (socket.RemoteEndPoint is not IPEndPoint peer || !IsAllowed(peer.Address))
            {
                throw new RemoteContentRefusedException("the address is not a public one");
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>IPv4-mapped IPv6 addresses are judged (and compared) as the IPv4 address they carry.</summary>
    private static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool IsPublic(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
        AddressFamily.InterNetworkV6 => IsPublicV6(address),
        _ => false,
    };

    private static bool IsPublicV4(byte[] b) => !(
        b[0] is 0 or 10 or 127 or >= 224                        // this network, private, loopback, multicast + reserved + broadcast
        || (b[0] == 100 && b[1] >= 64 && b[1] < 128)            // shared address space (carrier NAT)
        || (b[0] == 169 && b[1] == 254)                         // link-local (cloud metadata at 169.254.169.254)
        || (b[0] == 172 && b[1] >= 16 && b[1] < 32)             // private
        || (b[0] == 192 && b[1] == 168)                         // private
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)         // IETF protocol assignments, documentation
        || (b[0] == 198 && b[1] is 18 or 19)                    // benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)           // documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113));          // documentation

    private static bool IsPublicV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC)
        {
            return false;                                       // loopback, unspecified, fe80::/10, fec0::/10, ff00::/8, fc00::/7
        }

        // Only global unicast (2000::/3) is public; 6to4 and NAT64 forms are judged by the IPv4 address they embed.
        if ((b[0] & 0xE0) != 0x20 || (b[0] == 0x20 && b[1] == 0x01 && ((b[2] == 0x0D && b[3] == 0xB8) || (b[2] == 0 && b[3] == 0))))
        {
            return false;                                       // not global unicast, documentation 2001:db8::/32, Teredo 2001::/32
        }

        return b[0] != 0x20 || b[1] != 0x02 || IsPublicV4([b[2], b[3], b[4], b[5]]);
    }

    private static FrozenSet<IPAddress> ReadOwnAddresses()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(a => Canonical(a.Address))
                .ToFrozenSet();
        }
        catch (NetworkInformationException)
        {
            return FrozenSet<IPAddress>.Empty;
        }
    }
}

/// <summary>The proxy refused to fetch or pass on a remote image; the message says why (never the URL).</summary>
public sealed class RemoteContentRefusedException(string reason) : Exception(reason);
