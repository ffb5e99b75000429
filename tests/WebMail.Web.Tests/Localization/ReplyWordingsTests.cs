using System.Globalization;
using WebMail.Mail.Compose;
using WebMail.Mail.Model;
using WebMail.Web.Localization;

namespace WebMail.Web.Tests.Localization;

/// <summary>A reply's attribution and a forward's header in the user's language, the date in the user's culture and time zone.</summary>
public sealed class ReplyWordingsTests
{
    private static readonly MessageView Original = new(new MessageRef("INBOX", 1, 1), "Lunch?", new MailAddress("Bob", "bob@example.test"),
        [new MailAddress("Alice", "alice@example.test")], [], [], new DateTimeOffset(2026, 11, 20, 12, 5, 0, TimeSpan.Zero), 100, true, false, MessageBody.Empty, []);

    [Theory]
    [InlineData("de-DE", "Europe/Berlin", "Am Fr 20. Nov. 2026 13:05 schrieb Bob <bob@example.test>:\r\n> Hallo\r\n")]
    [InlineData("fr-FR", "America/Montreal", "Le ven. 20 nov. 2026 07:05, Bob <bob@example.test> a écrit :\r\n> Hallo\r\n")]
    [InlineData("en-GB", "Europe/London", "On Fri 20 Nov 2026 12:05, Bob <bob@example.test> wrote:\r\n> Hallo\r\n")]
    public void Reply_Attribution_InTheUsersLanguageZoneAndCulture(string culture, string zone, string expected)
    {
        using var _ = new CultureScope(culture);
        var wording = ReplyWordings.Of(CultureScope.Localizer, TimeZoneInfo.FindSystemTimeZoneById(zone), CultureInfo.CurrentCulture);

        Assert.Equal("\r\n\r\n" + expected, ReplyBuilder.QuotedText(Original, "Hallo", ReplyKind.Reply, wording));
    }

    [Theory]
    [InlineData("de-DE", "---------- Weitergeleitete Nachricht ----------\r\nVon: Bob <bob@example.test>\r\nDatum: Fr 20. Nov. 2026 13:05\r\nBetreff: Lunch?\r\nAn: Alice <alice@example.test>\r\n\r\nHallo")]
    [InlineData("fr-FR", "---------- Message transféré ----------\r\nDe : Bob <bob@example.test>\r\nDate : ven. 20 nov. 2026 13:05\r\nObjet : Lunch?\r\nÀ : Alice <alice@example.test>\r\n\r\nHallo")]
    public void Forward_Header_InTheUsersLanguage(string culture, string expected)
    {
        using var _ = new CultureScope(culture);
        var wording = ReplyWordings.Of(CultureScope.Localizer, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), CultureInfo.CurrentCulture);

        Assert.Equal("\r\n\r\n" + expected, ReplyBuilder.QuotedText(Original, "Hallo", ReplyKind.Forward, wording));
    }

    [Fact]
    public void NoWording_TheLibrarysEnglish_Unchanged()
    {
        Assert.StartsWith("\r\n\r\nOn Fri, 20 Nov 2026 12:05, Bob <bob@example.test> wrote:\r\n", ReplyBuilder.QuotedText(Original, "Hallo", ReplyKind.Reply), StringComparison.Ordinal);
    }
}
