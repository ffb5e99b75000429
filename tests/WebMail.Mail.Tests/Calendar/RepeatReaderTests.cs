using Ical.Net.DataTypes;
using WebMail.Mail.Calendar;

namespace WebMail.Mail.Tests.Calendar;

/// <summary>RRULEs read into data; the words (English, German, French) are tested in the Web layer (RepeatWordsTests).</summary>
public sealed class RepeatReaderTests
{
    [Fact]
    public void Read_WeeklyDays_MondayFirst_WeekdaysNoticed()
    {
        var rule = RepeatReader.Read(new RecurrenceRule("FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,FR,TU"));
        Assert.Equal((RepeatUnit.Week, 2, false, false), (rule.Unit, rule.Interval, rule.OnWeekdays, rule.InMonth));
        Assert.Equal([DayOfWeek.Tuesday, DayOfWeek.Friday, DayOfWeek.Sunday], rule.Days.Select(d => d.Day));
        Assert.True(RepeatReader.Read(new RecurrenceRule("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR")).OnWeekdays);
    }

    [Fact]
    public void Read_MonthlyAndYearly_PositionsMonthsAndEnds()
    {
        Assert.Equal([new RepeatDay(DayOfWeek.Thursday, 3)], RepeatReader.Read(new RecurrenceRule("FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3")).Days);
        var last = RepeatReader.Read(new RecurrenceRule("FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"));
        Assert.Equal([new RepeatDay(DayOfWeek.Friday, -1)], last.Days);
        Assert.Equal((6, true), (last.Count, last.InMonth));
        var yearly = RepeatReader.Read(new RecurrenceRule("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1"));
        Assert.Equal([3], yearly.Months);
        Assert.Equal([1], yearly.MonthDays);
        Assert.Equal(new DateOnly(2027, 3, 31), RepeatReader.Read(new RecurrenceRule("FREQ=MONTHLY;UNTIL=20270331T225959Z")).Until);
    }
}
