using System.Net;
using System.Text;
using MimeKit;
using WebMail.Testing;
using WebMail.Web.RemoteContent;

namespace WebMail.Testing.Web;

/// <summary>
/// The hostile messages aimed at the image proxy (<c>tests/Fixtures/RemoteContent</c>), with their placeholders filled
/// in for one <see cref="StandInRemoteServer"/>: <c>{{PORT}}</c> its allowed port, <c>{{INTERNAL}}</c> its internal one,
/// <c>{{HOSTNAME}}</c> this machine's name (which resolves to loopback), <c>{{APP}}</c> and <c>{{APP_PORT}}</c> WebMail's own
/// address and port. Each file's name is the attack it carries.
/// </summary>
public static class RemoteContentFixtures
{
    /// <summary>The marker each message's body starts with (followed by its name).</summary>
    public const string Marker = "PROXY-FIXTURE-MARKER";

    public static string Directory => Path.Combine(Repository.Root, "tests", "Fixtures", "RemoteContent");

    /// <summary>Every fixture's name (file name without .eml), sorted.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. System.IO.Directory.GetFiles(Directory, "*.eml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!];

    /// <summary>The subject of fixture <paramref name="name"/>.</summary>
    public static string Subject(string name) => "Proxy attack: " + name;

    public static MimeMessage Load(string name, StandInRemoteServer remote, string app = "http://localhost")
    {
        var text = File.ReadAllText(Path.Combine(Directory, name + ".eml"), Encoding.UTF8)
            .Replace("{{PORT}}", new Uri(remote.Allowed).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{INTERNAL}}", remote.InternalPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{HOSTNAME}}", Dns.GetHostName(), StringComparison.Ordinal)
            .Replace("{{APP_PORT}}", new Uri(app).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{APP}}", app.TrimEnd('/'), StringComparison.Ordinal);
        return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Appends the fixtures to <paramref name="user"/>'s INBOX, unread.</summary>
    public static async Task SeedAsync(string user, StandInRemoteServer remote, IEnumerable<string> names, string app = "http://localhost")
    {
        using var client = await MailStack.ConnectAsync(user);
        foreach (var name in names)
        {
            await client.Inbox.AppendAsync(new MailKit.AppendRequest(Load(name, remote, app)));
        }

        await client.DisconnectAsync(true);
    }
}

/// <summary>
/// DNS for the proxy under test: the stand-in's names, answered here, in front of the real resolver.
/// <c>img.stand-in.example</c> is the sender's image host (127.0.0.2, allowed by the tests' setting);
/// <c>internal.stand-in.example</c> is loopback (the internal service), <c>metadata.stand-in.example</c> the cloud
/// metadata address, and <c>rebind.stand-in.example</c> answers with both an allowed and a loopback address.
/// </summary>
public sealed class StandInResolver : RemoteHostResolver
{
    public const string ImageHost = "img.stand-in.example";

    public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => host.ToLowerInvariant() switch
    {
        ImageHost => Task.FromResult<IPAddress[]>([IPAddress.Parse("127.0.0.2")]),
        "internal.stand-in.example" => Task.FromResult<IPAddress[]>([IPAddress.Loopback]),
        "metadata.stand-in.example" => Task.FromResult<IPAddress[]>([IPAddress.Parse("169.254.169.254")]),
        "rebind.stand-in.example" => Task.FromResult<IPAddress[]>([IPAddress.Parse("127.0.0.2"), IPAddress.Loopback]),
        _ => base.ResolveAsync(host, cancellationToken),
    };
}
