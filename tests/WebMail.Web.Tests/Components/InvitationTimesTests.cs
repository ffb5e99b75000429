using WebMail.Mail.Calendar;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>In British English (the format these sentences were written in); other languages: FormattingTests.</summary>
public sealed class InvitationTimesTests : IDisposable
{
    private static readonly Microsoft.Extensions.Localization.IStringLocalizer L = WebMail.Web.Tests.Localization.CultureScope.Localizer;
    private readonly WebMail.Web.Tests.Localization.CultureScope _culture = new("en-GB");

    public void Dispose() => _culture.Dispose();

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static readonly InvitationWhen BerlinMorning =
        new(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2027, 1, 4, 11, 0, 0, TimeSpan.FromHours(1)), false, "Europe/Berlin", false);

    [Fact]
    public void OrganiserNote_SameClockAsTheUser_None()
    {
        Assert.Null(InvitationTimes.OrganiserNote(BerlinMorning, Berlin, L));
        Assert.Null(InvitationTimes.OrganiserNote(BerlinMorning, Paris, L));
        Assert.Equal("Monday, 4 January 2027, 10:00 – 11:00", InvitationTimes.Describe(BerlinMorning, Paris, L));
    }

    [Fact]
    public void Describe_EventPastMidnightForTheUser_BothDaysNamed()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var late = BerlinMorning with { Start = BerlinMorning.Start.AddHours(5.5), End = BerlinMorning.End!.Value.AddHours(6) };

        Assert.Equal("Monday, 4 January 2027, 23:30 – Tuesday, 5 January 2027, 01:00", InvitationTimes.Describe(late, tokyo, L));
        Assert.Equal("(Monday, 4 January 2027, 15:30 – 17:00 in Europe/Berlin, the organiser's time zone)", $"({InvitationTimes.OrganiserNote(late, tokyo, L)})");
    }

    [Fact]
    public void Describe_AllDayOverThreeDays_FirstAndLastDay()
    {
        var when = new InvitationWhen(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 4, 0, 0, 0, TimeSpan.Zero), true, null, false);

        Assert.Equal("Monday, 1 March 2027 – Wednesday, 3 March 2027, all day", InvitationTimes.Describe(when, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland"), L));
        Assert.Null(InvitationTimes.OrganiserNote(when, Berlin, L));
    }
}
