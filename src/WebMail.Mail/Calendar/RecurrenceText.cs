using System.Globalization;
using Ical.Net;
using Ical.Net.DataTypes;

namespace WebMail.Mail.Calendar;

/// <summary>An RRULE in words: "Every week on Monday and Wednesday, 10 times", "Every month until 31 March 2027".</summary>
internal static class RecurrenceText
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    private static readonly string[] Ordinals = ["first", "second", "third", "fourth", "fifth"];

    public static string Describe(RecurrenceRule rule)
    {
        var every = Every(rule.Frequency, Math.Max(1, rule.Interval));
        var on = rule.Frequency switch
        {
            FrequencyType.Weekly or FrequencyType.Daily when rule.ByDay.Count > 0 => " " + Days(rule.ByDay),
            FrequencyType.Monthly or FrequencyType.Yearly => InMonth(rule),
            _ => "",
        };

        var end = rule.Count is { } count ? count == 1 ? ", once" : $", {count} times"
            : rule.Until is { } until ? $" until {until.Date.ToString("d MMMM yyyy", Culture)}"
            : "";
        return every + on + end;
    }

    private static string Every(FrequencyType frequency, int interval)
    {
        var unit = frequency switch
        {
            FrequencyType.Secondly => "second",
            FrequencyType.Minutely => "minute",
            FrequencyType.Hourly => "hour",
            FrequencyType.Daily => "day",
            FrequencyType.Weekly => "week",
            FrequencyType.Monthly => "month",
            _ => "year",
        };
        return interval == 1 ? $"Every {unit}" : $"Every {interval} {unit}s";
    }

    /// <summary>"on Monday and Wednesday", "on weekdays".</summary>
    private static string Days(IEnumerable<WeekDay> days)
    {
        var set = days.Select(d => d.DayOfWeek).Distinct().ToList();
        if (set.Count == Weekdays.Length && Weekdays.All(set.Contains))
        {
            return "on weekdays";
        }

        // Monday first, Sunday last, as people read a week.
        return "on " + Join(set.OrderBy(d => ((int)d + 6) % 7).Select(d => d.ToString()));
    }

    /// <summary>"on the first Monday", "on the last Friday", "on day 15", "in March on day 1".</summary>
    private static string InMonth(RecurrenceRule rule)
    {
        var text = "";
        if (rule.Frequency == FrequencyType.Yearly && rule.ByMonth.Count > 0)
        {
            text += " in " + Join(rule.ByMonth.Where(m => m is >= 1 and <= 12).Select(m => Culture.DateTimeFormat.GetMonthName(m)));
        }

        if (rule.ByDay.Count > 0)
        {
            var position = rule.BySetPosition.Count == 1 ? rule.BySetPosition[0] : (int?)null;
            text += " on " + Join(rule.ByDay.Select(d => Position(d.Offset ?? position) + d.DayOfWeek));
        }
        else if (rule.ByMonthDay.Count > 0)
        {
            text += " on " + Join(rule.ByMonthDay.Select(d => d == -1 ? "the last day" : d < 0 ? $"day {-d} from the end" : $"day {d}"));
        }

        return text;
    }

    private static string Position(int? offset) => offset switch
    {
        null or 0 => "every ",
        -1 => "the last ",
        -2 => "the second last ",
        > 0 and <= 5 => $"the {Ordinals[offset.Value - 1]} ",
        _ => $"the {offset}th ",
    };

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }
}
