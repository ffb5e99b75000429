using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Web.Components.Mail;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Components;

/// <summary>
/// The user's "mark as read" setting against the real Dovecot: at once, after N seconds (only if the message is still
/// open then), or never; and a change made in another tab applies to the message open here. Time is moved, not waited for.
/// </summary>
public sealed class MarkAsReadTests : MailComponentContext
{
    private const int Delay = 5;
    private readonly FakeTimeProvider _time = new();

    public MarkAsReadTests()
        : base("html-newsletter-remote-images.unread.eml")
    {
        Services.AddSingleton<TimeProvider>(_time);
    }

    private OrganizeSettingsStore Store => Services.GetRequiredService<OrganizeSettingsStore>();

    [Fact]
    public async Task AfterDelay_LeftOpen_SeenOnTheServerOnlyOnceTheDelayIsOver()
    {
        await Store.SetOrganizeSettingsAsync(User, OrganizeSettings.Default with { MarkAsRead = MarkAsReadMode.AfterDelay, MarkAsReadDelaySeconds = Delay });
        var (cut, id) = await OpenAsync();

        // A second at a time: never read before the delay is over, read once it is (the timer starts when the body is shown).
        var advanced = 0;
        while (!await IsSeenAsync(id))
        {
            Assert.True(advanced < 3 * Delay, "the message was never marked read");
            await AdvanceAsync(cut, TimeSpan.FromSeconds(1));
            advanced++;
        }

        Assert.True(advanced >= Delay, $"marked read after {advanced} s, before the {Delay} s delay");
        cut.WaitForAssertion(() => Assert.Equal("Mark unread", cut.Find("button:contains('Mark unread')").TextContent));
    }

    [Fact]
    public async Task AfterDelay_ClosedBeforeTheDelay_StaysUnread()
    {
        await Store.SetOrganizeSettingsAsync(User, OrganizeSettings.Default with { MarkAsRead = MarkAsReadMode.AfterDelay, MarkAsReadDelaySeconds = Delay });
        var (cut, id) = await OpenAsync();
        for (var i = 0; i < Delay - 1; i++)
        {
            await AdvanceAsync(cut, TimeSpan.FromSeconds(1));
        }

        await DisposeComponentsAsync();
        _time.Advance(TimeSpan.FromSeconds(4 * Delay));

        Assert.False(await IsSeenAsync(id));
    }

    [Fact]
    public async Task Never_LeftOpen_StaysUnread()
    {
        await Store.SetOrganizeSettingsAsync(User, OrganizeSettings.Default with { MarkAsRead = MarkAsReadMode.Never });
        var (cut, id) = await OpenAsync();

        for (var i = 0; i < 4 * Delay; i++)
        {
            await AdvanceAsync(cut, TimeSpan.FromSeconds(1));
        }

        Assert.False(await IsSeenAsync(id));
        Assert.Single(cut.FindAll("button:contains('Mark read')"));
    }

    [Fact]
    public async Task Never_ChangedToAtOnceInAnotherTab_TheOpenMessageIsMarkedRead()
    {
        await Store.SetOrganizeSettingsAsync(User, OrganizeSettings.Default with { MarkAsRead = MarkAsReadMode.Never });
        var (cut, id) = await OpenAsync();
        await AdvanceAsync(cut, TimeSpan.FromSeconds(Delay));
        Assert.False(await IsSeenAsync(id));

        // The settings page of another tab saves "at once": this reader reads the settings again and follows them.
        await Store.SetOrganizeSettingsAsync(User, OrganizeSettings.Default with { MarkAsRead = MarkAsReadMode.AtOnce });

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button:contains('Mark unread')")), TimeSpan.FromSeconds(10));
        Assert.True(await IsSeenAsync(id));
    }

    private async Task<(IRenderedComponent<MessageReader> Reader, MessageRef Id)> OpenAsync()
    {
        MessageRef id;
        using (var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User))
        {
            id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single().Id;
        }

        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));
        cut.WaitForElement("iframe[title='Message content']", TimeSpan.FromSeconds(10));
        Assert.False(await IsSeenAsync(id));
        return (cut, id);
    }

    /// <summary>Moves the clock, then lets the reader's work that was due run (it queues its IMAP command before ours).</summary>
    private async Task AdvanceAsync(IRenderedComponent<MessageReader> cut, TimeSpan by)
    {
        _time.Advance(by);
        await cut.InvokeAsync(() => { });
    }

    private async Task<bool> IsSeenAsync(MessageRef id)
    {
        using var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User);
        return (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single(r => r.Id == id).Seen;
    }
}
