using WebMail.Mail.Calendar;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

public sealed class InvitationTimesTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static readonly InvitationWhen BerlinMorning =
        new(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2027, 1, 4, 11, 0, 0, TimeSpan.FromHours(1)), false, "Europe/Berlin", false);

    [Fact]
    public void OrganiserNote_SameClockAsTheUser_None()
    {
        Assert.Null(InvitationTimes.OrganiserNote(BerlinMorning, Berlin));
        Assert.Null(InvitationTimes.OrganiserNote(BerlinMorning, Paris));
        Assert.Equal("Monday 4 January 2027, 10:00 – 11:00", InvitationTimes.Describe(BerlinMorning, Paris));
    }

    [Fact]
    public void Describe_EventPastMidnightForTheUser_BothDaysNamed()
    {
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var late = BerlinMorning with { Start = BerlinMorning.Start.AddHours(5.5), End = BerlinMorning.End!.Value.AddHours(6) };

        Assert.Equal("Monday 4 January 2027, 23:30 – Tuesday 5 January 2027, 01:00", InvitationTimes.Describe(late, tokyo));
        Assert.Equal("(Monday 4 January 2027, 15:30 – 17:00 in Europe/Berlin, the organiser's time zone)", $"({InvitationTimes.OrganiserNote(late, tokyo)})");
    }

    [Fact]
    public void Describe_AllDayOverThreeDays_FirstAndLastDay()
    {
        var when = new InvitationWhen(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 3, 4, 0, 0, 0, TimeSpan.Zero), true, null, false);

        Assert.Equal("Monday 1 March 2027 – Wednesday 3 March 2027, all day", InvitationTimes.Describe(when, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland")));
        Assert.Null(InvitationTimes.OrganiserNote(when, Berlin));
    }
}
