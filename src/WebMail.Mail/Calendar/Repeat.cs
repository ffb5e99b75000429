using Ical.Net;
using Ical.Net.DataTypes;

namespace WebMail.Mail.Calendar;

/// <summary>How often a repeating event comes back.</summary>
public enum RepeatUnit
{
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// <summary>A weekday of the rule; <paramref name="Position"/> 1 for "the first", -1 for "the last", null for every one.</summary>
public sealed record RepeatDay(DayOfWeek Day, int? Position);

/// <summary>
/// An RRULE as data, for the Web layer to put in words in the user's language ("Every week on Monday and Wednesday,
/// 10 times"). <paramref name="OnWeekdays"/>: the days are exactly Monday to Friday. <paramref name="InMonth"/>: the
/// days are within a month or year (positions apply), not days of the week.
/// </summary>
public sealed record Repeat(
    RepeatUnit Unit,
    int Interval,
    IReadOnlyList<RepeatDay> Days,
    bool OnWeekdays,
    bool InMonth,
    IReadOnlyList<int> Months,
    IReadOnlyList<int> MonthDays,
    int? Count,
    DateOnly? Until);

/// <summary>Reads an Ical.Net RRULE into a <see cref="Repeat"/>.</summary>
internal static class RepeatReader
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    public static Repeat Read(RecurrenceRule rule)
    {
        var unit = rule.Frequency switch
        {
            FrequencyType.Secondly => RepeatUnit.Second,
            FrequencyType.Minutely => RepeatUnit.Minute,
            FrequencyType.Hourly => RepeatUnit.Hour,
            FrequencyType.Daily => RepeatUnit.Day,
            FrequencyType.Weekly => RepeatUnit.Week,
            FrequencyType.Monthly => RepeatUnit.Month,
            _ => RepeatUnit.Year,
        };
        var inMonth = unit is RepeatUnit.Month or RepeatUnit.Year;
        var weekly = unit is RepeatUnit.Week or RepeatUnit.Day;
        var position = rule.BySetPosition.Count == 1 ? rule.BySetPosition[0] : (int?)null;
        List<RepeatDay> days = weekly
            // Monday first, Sunday last, as people read a week.
            ? [.. rule.ByDay.Select(d => d.DayOfWeek).Distinct().OrderBy(d => ((int)d + 6) % 7).Select(d => new RepeatDay(d, null))]
            : inMonth ? [.. rule.ByDay.Select(d => new RepeatDay(d.DayOfWeek, d.Offset is null or 0 ? position : d.Offset))] : [];
        var onWeekdays = weekly && days.Count == Weekdays.Length && Weekdays.All(w => days.Any(d => d.Day == w));
        return new Repeat(
            unit,
            Math.Max(1, rule.Interval),
            days,
            onWeekdays,
            inMonth,
            unit == RepeatUnit.Year ? [.. rule.ByMonth.Where(m => m is >= 1 and <= 12)] : [],
            inMonth && rule.ByDay.Count == 0 ? [.. rule.ByMonthDay] : [],
            rule.Count,
            rule.Count is null && rule.Until is { } until ? until.Date : null);
    }
}
