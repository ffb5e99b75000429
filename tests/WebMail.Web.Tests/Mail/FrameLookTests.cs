using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Mail;

/// <summary>
/// Dark mode and the message frame: the document's own styles for each look the reader asks for, and the frame's
/// security headers the same whatever the look.
/// </summary>
public sealed class FrameLookTests(WebMailFactory factory) : IClassFixture<WebMailFactory>
{
    private static PreparedFrame Frame(bool ownColours) =>
        new("t", "u", new MessageRef("INBOX", 1, 1), "<p>x</p>", AllowRemote: false, BlockedRemoteCount: 0, InlineParts: [], OwnColours: ownColours);

    [Theory]
    [InlineData(false, "", "background:#fff")]
    [InlineData(false, "page-dark", "background:#1c2026")]
    [InlineData(false, "dark", "background:#1c2026")]
    [InlineData(true, "", "background:#fff")]
    [InlineData(true, "page-dark", "background:#fff")]
    [InlineData(true, "nonsense", "background:#fff")]
    public void FrameHead_Look_DarkOnlyForMailWithoutColours(bool ownColours, string look, string expected)
    {
        var head = ContentEndpoints.FrameHead(Frame(ownColours), look);

        Assert.Contains(expected, head, StringComparison.Ordinal);
        Assert.DoesNotContain("invert", head, StringComparison.Ordinal);
    }

    [Fact]
    public void FrameHead_DarkAskedForMailWithColours_KeepsTheLightCanvasAndTurnsImagesBack()
    {
        var head = ContentEndpoints.FrameHead(Frame(ownColours: true), "dark");

        Assert.Contains("background:#fff", head, StringComparison.Ordinal);
        Assert.Contains("img,video,picture,svg,[background],[style*=background-image]{filter:invert(1) hue-rotate(180deg)}", head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Frame_AnyLook_SameSecurityHeaders()
    {
        var user = MailStack.NewUser("look");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("html-inline-cid-logo.eml")]);
        var client = await factory.SignInAsync(user);
        PreparedFrame frame;
        using (var lease = factory.Services.GetRequiredService<ImapSessionPool>().Lease(user))
        {
            var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);
            var view = await lease.Session.Messages.GetMessageAsync(page.Rows.Single().Id);
            frame = factory.Services.GetRequiredService<MessageFrameStore>().Prepare(user, view, allowRemote: false, "/");
        }

        var plain = await client.GetAsync($"/mail/frame/{frame.Token}");
        foreach (var look in new[] { "dark", "page-dark", "light" })
        {
            var response = await client.GetAsync($"/mail/frame/{frame.Token}?look={look}");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var header in new[] { "Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "Cache-Control" })
            {
                Assert.Equal(plain.Headers.TryGetValues(header, out var a) ? a : plain.Content.Headers.GetValues(header), response.Headers.TryGetValues(header, out var b) ? b : response.Content.Headers.GetValues(header));
            }
        }
    }
}
