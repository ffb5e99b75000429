using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.Account;
using WebMail.Web.Mail;
using WebMail.Web.RemoteContent;

namespace WebMail.Web.Tests.RemoteContent;

/// <summary>One resource the frame would load, and what WebMail answered the frame (asked without cookies, as the frame asks).</summary>
public sealed record FrameResource(string Url, HttpStatusCode Status, string? ContentType, string Body);

/// <summary>A hostile message opened with "Show remote content" through the proxy: the frame as served, and what loading it caused.</summary>
public sealed record ProxiedRender(PreparedFrame Frame, IDocument Document, string Html, string Policy, IReadOnlyList<FrameResource> Resources,
    IReadOnlyList<(string Where, string Path)> RemoteRequests);

/// <summary>
/// The real app in proxy mode (its proxy on real sockets, DNS answered by <see cref="StandInResolver"/> for the stand-in's
/// names) with the stand-in remote server, and a way to open one hostile fixture as the reader does.
/// </summary>
public sealed class HostileProxyFixture : IAsyncLifetime
{
    private static readonly Regex CssUrl = new(@"url\(\s*['""]?([^'"")\s]+)", RegexOptions.IgnoreCase);
    private WebMailFactory _factory = default!;

    public WebApplicationFactory<Program> App { get; private set; } = default!;

    public StandInRemoteServer Remote { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Remote = await StandInRemoteServer.StartAsync();
        _factory = new WebMailFactory()
            .With("WebMail:RemoteContent:Mode", "Proxy")
            .With("WebMail:RemoteContent:AllowedTestAddresses:0", "127.0.0.2")
            .With("WebMail:RemoteContent:MaxImageBytes", ImageProxyFixture.MaxImageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("WebMail:RemoteContent:TimeoutSeconds", ImageProxyFixture.TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        App = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<RemoteHostResolver, StandInResolver>()));
    }

    public HttpClient Browser() => App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs a user in (a new one unless given), seeds fixture <paramref name="name"/> and opens it with remote content shown, for that sign-in.</summary>
    public async Task<ProxiedRender> RenderAsync(string name, string? user = null)
    {
        user ??= MailStack.NewUser("hostile");
        await RemoteContentFixtures.SeedAsync(user, Remote, [name]);
        var client = Browser();
        var signIns = App.Services.GetRequiredService<SignInStore>();
        var before = (await signIns.ListAsync(user)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(client, user, MailStack.TestPassword)).StatusCode);
        var signIn = Assert.Single(await signIns.ListAsync(user), s => !before.Contains(s.Id)).Id;
        var view = await OpenAsync(user, RemoteContentFixtures.Subject(name));
        var requestsBefore = Remote.Requests.Count;

        var frame = App.Services.GetRequiredService<MessageFrameStore>().Prepare(user, view, allowRemote: true, "/", signIn);
        var response = await client.GetAsync($"/mail/frame/{frame.Token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        var frameClient = Browser(); // the sandboxed frame's requests carry no cookies
        var resources = new List<FrameResource>();
        foreach (var url in ResourceUrls(document).Distinct(StringComparer.Ordinal))
        {
            var answer = await frameClient.GetAsync(url);
            var type = answer.Content.Headers.ContentType?.MediaType;
            resources.Add(new FrameResource(url, answer.StatusCode, type, type?.StartsWith("text/", StringComparison.Ordinal) == true ? await answer.Content.ReadAsStringAsync() : ""));
        }

        var remote = Remote.Requests.Skip(requestsBefore).Select(r => (r.Where, r.Path)).ToList();
        return new ProxiedRender(frame, document, html, response.Headers.GetValues("Content-Security-Policy").Single(), resources, remote);
    }

    /// <summary>Every URL in the document a browser would load by itself (not links, which need a click).</summary>
    public static IEnumerable<string> ResourceUrls(IDocument document)
    {
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name is "src" or "background" or "poster" or "data" or "srcset" or "imagesrcset" or "action" or "formaction"
                    || (attribute.Name == "href" && element.LocalName is "link" or "base" or "image" or "use"))
                {
                    yield return attribute.Value;
                }
            }

            var css = element.GetAttribute("style") + (element.LocalName == "style" ? element.TextContent : "");
            foreach (Match match in CssUrl.Matches(css))
            {
                yield return match.Groups[1].Value;
            }
        }
    }

    public async Task<MessageView> OpenAsync(string user, string subject)
    {
        using var lease = App.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 100);
        return await lease.Session.Messages.GetMessageAsync(page.Rows.Single(r => r.Subject == subject).Id);
    }

    public async Task DisposeAsync()
    {
        await Remote.DisposeAsync();
        await App.DisposeAsync();
        await _factory.DisposeAsync();
    }
}
