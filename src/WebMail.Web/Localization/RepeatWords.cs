using System.Globalization;
using Microsoft.Extensions.Localization;
using WebMail.Mail.Calendar;

namespace WebMail.Web.Localization;

/// <summary>
/// A repeat rule in the user's language, with the culture's day and month names: "Every week on Monday and Wednesday,
/// 10 times", "Jede Woche am Montag und Mittwoch, 10-mal", "Toutes les semaines le lundi et mercredi, 10 fois".
/// </summary>
public static class RepeatWords
{
    public static string Describe(Repeat rule, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(l);
        var culture = CultureInfo.CurrentCulture;
        var parts = new List<string> { Every(rule.Unit, rule.Interval, l) };
        if (rule.Months.Count > 0)
        {
            // "in {0}" of a folder is another phrase in German and French ("im März" but "in Posteingang"): its own key.
            var months = l["Months: in {0}", Join(rule.Months.Select(culture.DateTimeFormat.GetMonthName), l)];
            parts.Add(months.ResourceNotFound ? months.Value["Months: ".Length..] : months.Value);
        }

        if (rule.OnWeekdays)
        {
            parts.Add(l["on weekdays"]);
        }
        else if (rule.Days.Count > 0 && rule.Days.All(d => d.Position is null or 0) && rule.InMonth)
        {
            parts.Add(l["on every {0}", Join(rule.Days.Select(d => DayName(d.Day)), l)]);
        }
        else if (rule.Days.Count > 0)
        {
            parts.Add(l["on {0}", Join(rule.Days.Select(d => rule.InMonth ? Day(d, l) : DayName(d.Day)), l)]);
        }
        else if (rule.MonthDays.Count > 0)
        {
            parts.Add(l["on {0}", Join(rule.MonthDays.Select(d => MonthDay(d, l)), l)]);
        }

        var text = string.Join(' ', parts);
        return rule.Count is { } count ? text + (count == 1 ? l[", once"] : l[", {0} times", count])
            : rule.Until is { } until ? text + " " + l["until {0}", until.ToString(l["d MMMM yyyy"], culture)]
            : text;
    }

    private static string Every(RepeatUnit unit, int interval, IStringLocalizer l) => (unit, interval == 1) switch
    {
        (RepeatUnit.Second, true) => l["Every second"],
        (RepeatUnit.Second, false) => l["Every {0} seconds", interval],
        (RepeatUnit.Minute, true) => l["Every minute"],
        (RepeatUnit.Minute, false) => l["Every {0} minutes", interval],
        (RepeatUnit.Hour, true) => l["Every hour"],
        (RepeatUnit.Hour, false) => l["Every {0} hours", interval],
        (RepeatUnit.Day, true) => l["Every day"],
        (RepeatUnit.Day, false) => l["Every {0} days", interval],
        (RepeatUnit.Week, true) => l["Every week"],
        (RepeatUnit.Week, false) => l["Every {0} weeks", interval],
        (RepeatUnit.Month, true) => l["Every month"],
        (RepeatUnit.Month, false) => l["Every {0} months", interval],
        (_, true) => l["Every year"],
        _ => l["Every {0} years", interval],
    };

    /// <summary>"Monday", "the first Monday", "the last Friday" (after "on").</summary>
    private static string Day(RepeatDay day, IStringLocalizer l)
    {
        var name = DayName(day.Day);
        return day.Position switch
        {
            null or 0 => l["every {0}", name],
            -1 => l["the last {0}", name],
            -2 => l["the second last {0}", name],
            1 => l["the first {0}", name],
            2 => l["the second {0}", name],
            3 => l["the third {0}", name],
            4 => l["the fourth {0}", name],
            5 => l["the fifth {0}", name],
            { } n => l["the {0}th {1}", n, name],
        };
    }

    /// <summary>"day 15", "the last day", "day 3 from the end" (after "on").</summary>
    private static string MonthDay(int day, IStringLocalizer l) => day switch
    {
        -1 => l["the last day"],
        < 0 => l["day {0} from the end", -day],
        _ => l["day {0}", day],
    };

    private static string DayName(DayOfWeek day) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);

    /// <summary>"Monday", "Monday and Wednesday", "Tuesday, Friday and Sunday".</summary>
    private static string Join(IEnumerable<string> items, IStringLocalizer l)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : l["{0} and {1}", string.Join(", ", list.Take(list.Count - 1)), list[^1]];
    }
}
