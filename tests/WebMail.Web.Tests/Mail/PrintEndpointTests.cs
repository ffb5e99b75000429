using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Mail;

/// <summary>The print view against the real Dovecot: headers, the reader's sanitized body, its policy, its owner.</summary>
public sealed class PrintEndpointTests : IClassFixture<WebMailFactory>
{
    private static readonly string[] Fixtures = ["hostile-html-sanitizer.eml", "html-newsletter-remote-images.unread.eml", "plain-text-urls-and-escaping.eml"];

    private readonly WebMailFactory _factory;

    public PrintEndpointTests(WebMailFactory factory) => _factory = factory;

    [Fact]
    public async Task Print_HostileMessage_HeadersAndSanitizedBodyNoScriptButOurNonced()
    {
        var (client, user) = await SignedInWithCorpusAsync();
        var view = await OpenAsync(user, "Hostile HTML test");

        var response = await client.GetAsync($"/mail/print/{view.Id.ToToken()}");
        var html = await response.Content.ReadAsStringAsync();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var nonce = Regex.Match(policy, "script-src 'nonce-([^']+)';").Groups[1].Value;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hostile HTML test", document.QuerySelector("h1")!.TextContent);
        var fields = document.QuerySelectorAll(".print-header dt").Select(dt => dt.TextContent).ToList();
        Assert.Equal(["From", "To", "Date"], fields.Where(f => f != "Cc"));
        Assert.Contains(view.From!.Address, document.QuerySelector(".print-header dd")!.TextContent, StringComparison.Ordinal);

        // The body is the reader's own sanitized document, inside the shadow root's template.
        Assert.Contains("<div class=\"mail-body\"><template shadowrootmode=\"open\">", html, StringComparison.Ordinal);
        var host = document.QuerySelector(".mail-body")!;
        var body = (INode?)(host.QuerySelector("template") as AngleSharp.Html.Dom.IHtmlTemplateElement)?.Content ?? host.ShadowRoot;
        Assert.NotNull(body);
        var elements = body.GetDescendants().OfType<IElement>().ToList();
        Assert.Contains("SAFE-CONTENT-MARKER", body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(elements, e => e.LocalName is "script" or "iframe" or "object" or "embed" or "form" or "link" or "svg" or "math");
        Assert.DoesNotContain(elements.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));

        // Our one script carries the nonce; nothing else may run, and the page is its own sandbox.
        var script = Assert.Single(document.QuerySelectorAll("script"));
        Assert.Equal(nonce, script.GetAttribute("nonce"));
        Assert.True(nonce.Length >= 16);
        Assert.StartsWith("default-src 'none'; script-src 'nonce-", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("sandbox allow-scripts allow-modals", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-same-origin", policy, StringComparison.Ordinal);
        Assert.Contains("@media print{.screen-only{display:none!important}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_ReaderShowedRemoteContent_PrintsTheSameDocument_WithoutIt_Blocked()
    {
        var (client, user) = await SignedInWithCorpusAsync();
        var view = await OpenAsync(user, "Northwind Outdoor");
        var shown = _factory.Services.GetRequiredService<MessageFrameStore>().Prepare(user, view, allowRemote: true, "/");

        var withChoice = await client.GetAsync($"/mail/print/{view.Id.ToToken()}?frame={shown.Token}");
        var withoutChoice = await client.GetAsync($"/mail/print/{view.Id.ToToken()}");

        Assert.Contains($"src=\"/mail/frame/{shown.Token}/remote/", await withChoice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains($"img-src http://localhost/mail/frame/{shown.Token}/;", withChoice.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("/remote/", await withoutChoice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("img-src 'none'", withoutChoice.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_PlainText_EscapedAsInTheReader()
    {
        var (client, user) = await SignedInWithCorpusAsync();
        var view = await OpenAsync(user, "Links & <angle brackets>");

        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync($"/mail/print/{view.Id.ToToken()}"));

        Assert.Equal("Links & <angle brackets> in plain text", document.QuerySelector("h1")!.TextContent);
        Assert.Equal(view.Body.Text!.ReplaceLineEndings("\n"), document.QuerySelector(".text-body")!.TextContent);
        Assert.NotEmpty(document.QuerySelectorAll(".text-body a[target=_blank][rel~=noopener]"));
        Assert.Single(document.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task Print_AnotherUsersMessageOrFrame_NotFoundOrNotTheirs()
    {
        var (_, user) = await SignedInWithCorpusAsync();
        var view = await OpenAsync(user, "Hostile HTML test");
        var frame = _factory.Services.GetRequiredService<MessageFrameStore>().Prepare(user, view, allowRemote: false, "/");
        var other = await _factory.SignInAsync(MailStack.NewUser("printother"));

        var response = await other.GetAsync($"/mail/print/{view.Id.ToToken()}?frame={frame.Token}");

        // The same folder and uid name nothing in the other user's (empty) mailbox, and the first user's frame is not theirs.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("SAFE-CONTENT-MARKER", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_NotSignedIn_SentToSignIn()
    {
        var (_, user) = await SignedInWithCorpusAsync();
        var view = await OpenAsync(user, "Hostile HTML test");

        var response = await _factory.CreateBrowserClient().GetAsync($"/mail/print/{view.Id.ToToken()}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, string User)> SignedInWithCorpusAsync()
    {
        var user = MailStack.NewUser("print");
        await Seeder.SeedAsync(user, MailStack.TestPassword, Fixtures.Select(Corpus.File));
        return (await _factory.SignInAsync(user), user);
    }

    private async Task<MessageView> OpenAsync(string user, string subjectStart)
    {
        using var lease = _factory.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 100);
        return await lease.Session.Messages.GetMessageAsync(page.Rows.Single(r => r.Subject.StartsWith(subjectStart, StringComparison.Ordinal)).Id);
    }
}
