using WebMail.Mail.Calendar;
using WebMail.Web.Localization;

namespace WebMail.Web.Tests.Localization;

/// <summary>Repeat rules of invitations in words, in the user's language with the culture's day and month names.</summary>
public sealed class RepeatWordsTests
{
    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10", "Every week on Monday and Wednesday, 10 times")]
    [InlineData("FREQ=MONTHLY;UNTIL=20270331", "Every month until 31 March 2027")]
    [InlineData("FREQ=MONTHLY;UNTIL=20270331T225959Z", "Every month until 31 March 2027")]
    [InlineData("FREQ=DAILY", "Every day")]
    [InlineData("FREQ=DAILY;INTERVAL=3;COUNT=1", "Every 3 days, once")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,FR,TU", "Every 2 weeks on Tuesday, Friday and Sunday")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every week on weekdays")]
    [InlineData("FREQ=MONTHLY;BYDAY=1MO", "Every month on the first Monday")]
    [InlineData("FREQ=MONTHLY;BYDAY=-1FR;COUNT=6", "Every month on the last Friday, 6 times")]
    [InlineData("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3", "Every month on the third Thursday")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=15", "Every month on day 15")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=-1", "Every month on the last day")]
    [InlineData("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1", "Every year in March on day 1")]
    public void English(string rule, string words) => Assert.Equal(words, Words("en-US", rule));

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10", "Jede Woche am Montag und Mittwoch, 10-mal")]
    [InlineData("FREQ=MONTHLY;UNTIL=20270331", "Jeden Monat bis 31. März 2027")]
    [InlineData("FREQ=DAILY;INTERVAL=3;COUNT=1", "Alle 3 Tage, einmal")]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Jede Woche werktags")]
    [InlineData("FREQ=MONTHLY;BYDAY=-1FR;COUNT=6", "Jeden Monat am letzten Freitag, 6-mal")]
    [InlineData("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1", "Jedes Jahr im März am 1.")]
    public void German(string rule, string words) => Assert.Equal(words, Words("de-DE", rule));

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10", "Toutes les semaines le lundi et mercredi, 10 fois")]
    [InlineData("FREQ=MONTHLY;UNTIL=20270331", "Tous les mois jusqu’au 31 mars 2027")]
    [InlineData("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,FR,TU", "Toutes les 2 semaines le mardi, vendredi et dimanche")]
    [InlineData("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3", "Tous les mois le troisième jeudi")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=-1", "Tous les mois le dernier jour")]
    [InlineData("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1", "Tous les ans en mars le 1")]
    public void French(string rule, string words) => Assert.Equal(words, Words("fr-FR", rule));

    /// <summary>The rule read as the reader reads an invitation, then worded.</summary>
    private static string Words(string culture, string rule)
    {
        using var _ = new CultureScope(culture);
        var ics = $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:r@example.test\r\nDTSTAMP:20261201T000000Z\r\nDTSTART:20270104T100000Z\r\nDTEND:20270104T110000Z\r\nSUMMARY:R\r\nRRULE:{rule}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        var (invitation, problem) = InvitationReader.Read(ics, "REQUEST");
        Assert.Null(problem);
        return RepeatWords.Describe(invitation!.Recurrence!, CultureScope.Localizer);
    }
}
