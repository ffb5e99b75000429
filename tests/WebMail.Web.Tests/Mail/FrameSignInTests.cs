using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Account;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Mail;

/// <summary>Frame, inline-image and proxied-image tokens belong to the sign-in that opened the message and die with it.</summary>
public sealed partial class FrameSignInTests : IClassFixture<WebMailFactory>
{
    private static readonly string[] Fixtures = ["html-inline-cid-logo.eml", "html-newsletter-remote-images.unread.eml"];
    private readonly WebMailFactory _factory;

    public FrameSignInTests(WebMailFactory factory) => _factory = factory;

    private SignInStore Store => _factory.Services.GetRequiredService<SignInStore>();

    private MessageFrameStore Frames => _factory.Services.GetRequiredService<MessageFrameStore>();

    [Fact]
    public async Task Tokens_SignedOut_FrameCidAndProxiedImageGet404()
    {
        var user = await SeededUserAsync();
        var browser = await _factory.SignInAsync(user);
        var signIn = Assert.Single(await Store.ListAsync(user)).Id;
        var frame = Frames.Prepare(user, await OpenAsync(user, "Inline logo via cid"), allowRemote: false, "/", signIn);
        var remote = Frames.Prepare(user, await OpenAsync(user, "Northwind Outdoor"), allowRemote: true, "/", signIn);
        var cid = Source(frame.Html, "/cid/");
        var proxied = Source(remote.Html, "/remote/");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/mail/frame/{frame.Token}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateBrowserClient().GetAsync(cid)).StatusCode);

        await SignOutAsync(browser);

        // The frame's image URLs take no cookie: only the ended sign-in stops them.
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateBrowserClient().GetAsync(cid)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateBrowserClient().GetAsync(proxied)).StatusCode);
        Assert.Equal(0, Frames.CachedBytesOf(user));

        // Signed in again in the same browser: a new sign-in, and the old frame is not its.
        var again = await _factory.SignInAsync(user);
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync($"/mail/frame/{frame.Token}")).StatusCode);
    }

    [Fact]
    public async Task Frame_OtherSignInOfTheSameUser_Gets404()
    {
        var user = await SeededUserAsync();
        var first = await _factory.SignInAsync(user);
        var firstSignIn = Assert.Single(await Store.ListAsync(user)).Id;
        var second = await _factory.SignInAsync(user);
        var frame = Frames.Prepare(user, await OpenAsync(user, "Inline logo via cid"), allowRemote: false, "/", firstSignIn);

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/mail/frame/{frame.Token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync($"/mail/frame/{frame.Token}")).StatusCode);
    }

    [Fact]
    public async Task EndOwn_OtherSignIn_ItsCidTokenDiesAndTheImapSessionStaysUntilTheLastSignInEnds()
    {
        var user = await SeededUserAsync();
        var first = await _factory.SignInAsync(user);
        var firstSignIn = Assert.Single(await Store.ListAsync(user)).Id;
        var second = await _factory.SignInAsync(user);
        var frame = Frames.Prepare(user, await OpenAsync(user, "Inline logo via cid"), allowRemote: false, "/", firstSignIn);
        var cid = Source(frame.Html, "/cid/");

        Assert.True(await Store.EndOwnAsync(user, firstSignIn, SignInEndReason.EndedElsewhere));

        Assert.Equal(HttpStatusCode.NotFound, (await _factory.CreateBrowserClient().GetAsync(cid)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/settings/devices")).StatusCode);
        Assert.True(await MailStack.ServerConnectionCountAsync(user) >= 1, "the user's other sign-in still uses the IMAP session");
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/settings/devices")).StatusCode);

        Assert.True(await Store.EndOwnAsync(user, Assert.Single(await Store.ListAsync(user)).Id, SignInEndReason.EndedElsewhere));
        Assert.Equal(0, await ConnectionsOnceClosedAsync(user));
    }

    /// <summary>Dovecot's count of the user's connections, once it has seen the logout (or after 15 s).</summary>
    private static async Task<int> ConnectionsOnceClosedAsync(string user)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; await Task.Delay(100))
        {
            var count = await MailStack.ServerConnectionCountAsync(user);
            if (count == 0 || DateTime.UtcNow > deadline)
            {
                return count;
            }
        }
    }

    private static async Task SignOutAsync(HttpClient browser)
    {
        var token = await WebMailFactory.AntiforgeryTokenAsync(browser, "/");
        var response = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static string Source(string html, string kind) =>
        WebUtility.HtmlDecode(SourcePattern().Matches(html).Select(m => m.Groups[1].Value).First(src => src.Contains(kind, StringComparison.Ordinal)));

    private static async Task<string> SeededUserAsync()
    {
        var user = MailStack.NewUser("frm");
        await Seeder.SeedAsync(user, MailStack.TestPassword, Fixtures.Select(Corpus.File));
        return user;
    }

    private async Task<MessageView> OpenAsync(string user, string subjectStart)
    {
        using var lease = _factory.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 100);
        return await lease.Session.Messages.GetMessageAsync(page.Rows.Single(r => r.Subject.StartsWith(subjectStart, StringComparison.Ordinal)).Id);
    }

    [GeneratedRegex("src=\"([^\"]+)\"")]
    private static partial Regex SourcePattern();
}
