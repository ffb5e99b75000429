using Ical.Net.DataTypes;
using WebMail.Mail.Calendar;

namespace WebMail.Mail.Tests.Calendar;

public sealed class RecurrenceTextTests
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
    public void Describe_Rule_InWords(string rule, string words) =>
        Assert.Equal(words, RecurrenceText.Describe(new RecurrenceRule(rule)));
}
