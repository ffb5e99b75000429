using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Mail;

/// <summary>The sanitized-document cache behind the message frames, with small caps (1 MB per user, 2 MB in all).</summary>
public sealed class FrameCacheTests : IClassFixture<WebMailFactory>
{
    private const long PerUserCap = 1024 * 1024;
    private const long TotalCap = 2 * 1024 * 1024;
    private readonly WebMailFactory _factory;

    public FrameCacheTests(WebMailFactory factory) =>
        _factory = factory.With("WebMail:Frames:MaxBytesPerUser", PerUserCap.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("WebMail:Frames:MaxTotalBytes", TotalCap.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private MessageFrameStore Frames => _factory.Services.GetRequiredService<MessageFrameStore>();

    [Fact]
    public async Task Prepare_SameMessageOpenedTwice_SameTokenServedOnce()
    {
        var (client, user) = await SignedInWithMessagesAsync(1, 100 * 1024);
        var view = (await OpenAllAsync(user)).Single();

        var first = Frames.Prepare(user, view, allowRemote: false, "/");
        var bytesAfterFirst = Frames.CachedBytesOf(user);
        var second = Frames.Prepare(user, view, allowRemote: false, "/");
        var bytesAfterSecond = Frames.CachedBytesOf(user);
        var withRemote = Frames.Prepare(user, view, allowRemote: true, "/");

        Assert.Equal(first.Token, second.Token);
        Assert.Equal(bytesAfterFirst, bytesAfterSecond);
        Assert.NotEqual(first.Token, withRemote.Token);
        Assert.Equal(32, first.Token.Length);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/mail/frame/{second.Token}")).StatusCode);
    }

    [Fact]
    public async Task Begin_TwoSignInsOfOneUser_EachGetsItsOwnTokenAndReusesIt()
    {
        var (_, user) = await SignedInWithMessagesAsync(1, 10 * 1024);
        var view = (await OpenAllAsync(user)).Single();

        var laptop = Frames.Begin(user, view, allowRemote: false, "/", signIn: "sign-in-laptop");
        var laptopAgain = Frames.Begin(user, view, allowRemote: false, "/", signIn: "sign-in-laptop");
        var phone = Frames.Begin(user, view, allowRemote: false, "/", signIn: "sign-in-phone");

        Assert.Equal(laptop.Token, laptopAgain.Token);
        Assert.NotEqual(laptop.Token, phone.Token);
        Assert.Equal((await laptop.Ready).Html, (await phone.Ready).Html);
        Assert.Same(await laptop.Ready, await Frames.GetAsync(laptop.Token));
    }

    [Fact]
    public async Task Prepare_ManyLargeMessages_UserStaysUnderCapAndOldestTokensAreGone()
    {
        var (client, user) = await SignedInWithMessagesAsync(6, 200 * 1024);
        var frames = new List<PreparedFrame>();

        foreach (var view in await OpenAllAsync(user))
        {
            frames.Add(Frames.Prepare(user, view, allowRemote: false, "/"));
            Assert.InRange(Frames.CachedBytesOf(user), 1, PerUserCap);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/mail/frame/{frames[0].Token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/mail/frame/{frames[0].Token}/cid/0")).StatusCode);
        var newest = await client.GetAsync($"/mail/frame/{frames[^1].Token}");
        Assert.Equal(HttpStatusCode.OK, newest.StatusCode);
        Assert.Contains(LargeMail.Opening, await newest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_SeveralUsers_TotalStaysUnderCapLeastRecentlyShownGoesFirst()
    {
        var users = new List<(HttpClient Client, string User, List<PreparedFrame> Frames)>();
        for (var i = 0; i < 4; i++)
        {
            // Two documents of about 400 KB each fit a user's 1 MB; four users' eight do not fit 2 MB in all.
            var (client, user) = await SignedInWithMessagesAsync(2, 200 * 1024);
            users.Add((client, user, []));
        }

        foreach (var (_, user, frames) in users)
        {
            foreach (var view in await OpenAllAsync(user))
            {
                frames.Add(Frames.Prepare(user, view, allowRemote: false, "/"));
                Assert.InRange(Frames.CachedBytes, 1, TotalCap);
            }
        }

        var (firstClient, _, firstFrames) = users[0];
        var (lastClient, _, lastFrames) = users[^1];
        Assert.Equal(HttpStatusCode.NotFound, (await firstClient.GetAsync($"/mail/frame/{firstFrames[0].Token}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lastClient.GetAsync($"/mail/frame/{lastFrames[^1].Token}")).StatusCode);
    }

    private async Task<(HttpClient Client, string User)> SignedInWithMessagesAsync(int count, int htmlBytes)
    {
        var user = MailStack.NewUser("frames");
        for (var i = 0; i < count; i++)
        {
            await LargeMail.AppendAsync(user, $"Report {i + 1}", htmlBytes);
        }

        return (await _factory.SignInAsync(user), user);
    }

    /// <summary>Every message of the user's INBOX, oldest first.</summary>
    private async Task<List<MessageView>> OpenAllAsync(string user)
    {
        using var lease = _factory.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 100);
        var views = new List<MessageView>();
        foreach (var row in page.Rows.Reverse())
        {
            views.Add(await lease.Session.Messages.GetMessageAsync(row.Id));
        }

        return views;
    }
}
