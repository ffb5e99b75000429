using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Testing.Web;
using WebMail.Web.Mail;
using WebMail.Web.RemoteContent;

namespace WebMail.Web.Tests.RemoteContent;

/// <summary>The real app (in memory, its proxy fetching over real sockets) and the stand-in remote server.</summary>
public sealed class ImageProxyFixture : IAsyncLifetime
{
    public const int MaxImageBytes = 256 * 1024;
    public const int TimeoutSeconds = 2;

    public WebMailFactory App { get; } = new WebMailFactory()
        .With("WebMail:RemoteContent:AllowedTestAddresses:0", "127.0.0.2")
        .With("WebMail:RemoteContent:MaxImageBytes", MaxImageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .With("WebMail:RemoteContent:TimeoutSeconds", TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public StandInRemoteServer Remote { get; private set; } = default!;

    public async Task InitializeAsync() => Remote = await StandInRemoteServer.StartAsync();

    /// <summary>A live frame that shows remote content, as the reader prepares it when the user clicks "Show remote content".</summary>
    public PreparedFrame NewFrame(bool allowRemote = true)
    {
        var html = "<p>Hello</p><img src=\"https://img.example.org/pixel.png\">";
        var view = new MessageView(new MessageRef("INBOX", 1, (uint)Random.Shared.Next(1, int.MaxValue)), "News", new MailAddress(null, "news@example.org"),
            [], [], [], DateTimeOffset.UtcNow, html.Length, false, false, new MessageBody(html, null, new Dictionary<string, AttachmentInfo>(), false), []);
        return App.Services.GetRequiredService<MessageFrameStore>().Prepare("proxy-user@example.org", view, allowRemote, "/", Guid.NewGuid().ToString("N"));
    }

    /// <summary>The proxy URL WebMail would write into <paramref name="frame"/> for <paramref name="remoteUrl"/>.</summary>
    public string ProxyUrl(PreparedFrame frame, string remoteUrl) =>
        App.Services.GetRequiredService<RemoteContentUrls>().RewriterFor("/", frame.Token)!(remoteUrl)!;

    public async Task DisposeAsync()
    {
        await Remote.DisposeAsync();
        await App.DisposeAsync();
    }
}
