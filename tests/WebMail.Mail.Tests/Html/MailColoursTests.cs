using WebMail.Mail.Html;

namespace WebMail.Mail.Tests.Html;

/// <summary>
/// Which sanitized messages set colours of their own (they keep a light canvas in dark mode) and which set none (they
/// may turn dark), read from what the sanitizer really outputs.
/// </summary>
public sealed class MailColoursTests
{
    private static bool OwnColours(string html) =>
        MailColours.SetsOwnColours(new MailHtmlSanitizer().Sanitize(html, new SanitizeOptions(AllowRemoteContent: false, ResolveContentId: _ => null)).Html);

    [Theory]
    [InlineData("<p>Hello <b>there</b>, the colour of the sky is blue and the background story is long.</p>")]
    [InlineData("<table border=\"1\"><tr><td style=\"padding: 4px; font-weight: bold\">No paint</td></tr></table>")]
    [InlineData("")]
    public void SetsOwnColours_NoColourOrBackground_False(string html) => Assert.False(OwnColours(html));

    [Theory]
    [InlineData("<table style=\"background-color: #ffffff\"><tr><td>White table</td></tr></table>")]
    [InlineData("<p style=\"font-size: 14px; COLOR: #333\">Grey text</p>")]
    [InlineData("<table bgcolor=\"#ffffff\"><tr><td>Old-style white</td></tr></table>")]
    [InlineData("<font color=\"#555555\">Font colour</font>")]
    [InlineData("<html><body bgcolor=\"#fafafa\"><p>Body colour</p></body></html>")]
    [InlineData("<style>.x { background: #fff }</style><p class=\"x\">Sheet</p>")]
    public void SetsOwnColours_ColourOrBackground_True(string html) => Assert.True(OwnColours(html));
}
