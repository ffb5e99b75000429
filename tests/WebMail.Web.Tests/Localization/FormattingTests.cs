using Microsoft.Extensions.Time.Testing;
using WebMail.Mail.Calendar;
using WebMail.Web.Components.Mail;
using WebMail.Web.Localization;

namespace WebMail.Web.Tests.Localization;

/// <summary>Dates, sizes and invitation times in the user's culture and time zone.</summary>
public sealed class FormattingTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly DateTimeOffset Now = new(2027, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("de-DE", "1,5 MB", "12 KB", "512 B")]
    [InlineData("fr-FR", "1,5 Mo", "12 Ko", "512 o")]
    [InlineData("en-US", "1.5 MB", "12 KB", "512 B")]
    public void Sizes_UseTheCulturesDecimalMarkAndUnits(string culture, string mb, string kb, string b)
    {
        using var _ = new CultureScope(culture);
        Assert.Equal([mb, kb, b], [Sizes.Format(1_572_864, CultureScope.Localizer), Sizes.Format(12 * 1024, CultureScope.Localizer), Sizes.Format(512, CultureScope.Localizer)]);
    }

    [Theory]
    [InlineData("de-DE", "Mi 10. März 2027 21:00", "21:00", "4. Jan.", "04.01.2026")]
    [InlineData("fr-FR", "mer. 10 mars 2027 21:00", "21:00", "4 janv.", "04/01/2026")]
    public void Dates_InTheUsersZoneAndCulture(string culture, string full, string today, string thisYear, string before)
    {
        using var _ = new CultureScope(culture);
        var time = new UserTime(CultureScope.Localizer, new FakeTimeProvider(Now));
        time.Use("Asia/Tokyo", "Europe/Berlin");

        // 12:00 UTC is 21:00 in Tokyo: the setting wins over the browser's zone.
        Assert.Equal(full, time.Long(Now));
        Assert.Equal(today, time.Short(Now));
        Assert.Equal(thisYear, time.Short(new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.Zero)));
        Assert.Equal(before, time.Short(new DateTimeOffset(2026, 1, 4, 8, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void UserTime_BrowserZone_UsedWhenNoSetting_AndUnknownZonesIgnored()
    {
        var time = new UserTime(CultureScope.Localizer, TimeProvider.System);
        time.Use("", "America%2FNew_York");
        Assert.Equal("America/New_York", time.ZoneId);
        Assert.False(time.UseBrowser("Not/AZone"));
        Assert.True(time.UseBrowser("Asia/Tokyo"));
        Assert.Equal(Tokyo.Id, time.Zone.Id);
    }

    [Theory]
    [InlineData("de-DE", "Montag, 4. Januar 2027, 18:00 – 19:00", "Montag, 4. Januar 2027, 10:00 – 11:00 in Europe/Berlin, der Zeitzone des Organisators")]
    [InlineData("fr-FR", "lundi 4 janvier 2027, 18:00 – 19:00", "lundi 4 janvier 2027, 10:00 – 11:00 à l’heure de Europe/Berlin, le fuseau horaire de l’organisateur")]
    public void InvitationTimes_InTheUsersLanguage(string culture, string when, string note)
    {
        using var _ = new CultureScope(culture);
        var berlinMorning = new InvitationWhen(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2027, 1, 4, 11, 0, 0, TimeSpan.FromHours(1)), false, "Europe/Berlin", false);
        Assert.Equal(when, InvitationTimes.Describe(berlinMorning, Tokyo, CultureScope.Localizer));
        Assert.Equal(note, InvitationTimes.OrganiserNote(berlinMorning, Tokyo, CultureScope.Localizer));
    }
}
