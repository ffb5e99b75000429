using Microsoft.Extensions.Options;
using WebMail.Mail.Html;
using WebMail.Mail.Model;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Mail;

/// <summary>A cached frame document lives as long as it keeps being shown, and goes after 30 idle minutes.</summary>
public sealed class FrameExpiryTests
{
    private readonly ManualClock _clock = new();
    private readonly MessageFrameStore _frames;

    public FrameExpiryTests() => _frames = new MessageFrameStore(new MailHtmlSanitizer(), Options.Create(new FrameOptions()), _clock);

    [Fact]
    public void Get_ShownEvery29Minutes_StaysThenExpires30MinutesAfterLastUse()
    {
        var view = Message("<p>Hello</p>");
        var frame = _frames.Prepare("alice@example.test", view, allowRemote: false, "/");

        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(_frames.Get(frame.Token));
        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.NotNull(_frames.Get(frame.Token));
        _clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Null(_frames.Get(frame.Token));
        Assert.Equal(0, _frames.CachedBytes);
        Assert.NotEqual(frame.Token, _frames.Prepare("alice@example.test", view, allowRemote: false, "/").Token);
    }

    [Fact]
    public void Prepare_SameMessageOtherUser_OwnDocumentAndToken()
    {
        var view = Message("<p>Hello</p>");

        var alice = _frames.Prepare("alice@example.test", view, allowRemote: false, "/");
        var bob = _frames.Prepare("bob@example.test", view, allowRemote: false, "/");

        Assert.NotEqual(alice.Token, bob.Token);
        Assert.Equal("bob@example.test", _frames.Get(bob.Token)?.UserName);
    }

    private static MessageView Message(string html) =>
        new(new MessageRef("INBOX", 1, 1), "Hi", null, [], [], [], DateTimeOffset.UnixEpoch, 100, true, false,
            new MessageBody(html, null, new Dictionary<string, AttachmentInfo>(), false), []);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
