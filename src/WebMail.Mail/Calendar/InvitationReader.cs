using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using IcsCalendar = Ical.Net.Calendar;

namespace WebMail.Mail.Calendar;

/// <summary>Reads an iMIP <c>text/calendar</c> body with Ical.Net into an <see cref="Invitation"/>; never throws for bad input.</summary>
public static class InvitationReader
{
    public const string Unreadable = "This invitation could not be read. You can still download the .ics file.";

    /// <summary>
    /// Reads the first event of <paramref name="text"/>. The METHOD is the VCALENDAR's, else the part's
    /// <c>method=</c> parameter (<paramref name="partMethod"/>). Returns null and a sentence when the text is not a
    /// calendar with an event.
    /// </summary>
    public static (Invitation? Invitation, string? Problem) Read(string text, string? partMethod)
    {
        IcsCalendar? calendar;
        try
        {
            calendar = IcsCalendar.Load(text);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Ical.Net reports bad input with several exception types (SerializationException, ArgumentException …).
            return (null, Unreadable);
        }

        var ev = calendar?.Events.FirstOrDefault(e => e.RecurrenceIdentifier is null) ?? calendar?.Events.FirstOrDefault();
        if (calendar is null || ev is null)
        {
            return (null, Unreadable);
        }

        try
        {
            return (ToInvitation(calendar, ev, partMethod, text), null);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            return (null, Unreadable);
        }
    }

    private static Invitation ToInvitation(IcsCalendar calendar, CalendarEvent ev, string? partMethod, string source)
    {
        var methodName = (string.IsNullOrWhiteSpace(calendar.Method) ? partMethod : calendar.Method)?.Trim().ToUpperInvariant() ?? "PUBLISH";
        var method = methodName switch
        {
            "REQUEST" => InvitationMethod.Request,
            "CANCEL" => InvitationMethod.Cancel,
            "REPLY" => InvitationMethod.Reply,
            "PUBLISH" => InvitationMethod.Publish,
            _ => InvitationMethod.Other,
        };
        var rule = ev.RecurrenceRule;
        return new Invitation(
            method,
            methodName,
            ev.Uid ?? "",
            ev.Sequence,
            string.IsNullOrWhiteSpace(ev.Summary) ? "(no title)" : ev.Summary.Trim(),
            When(calendar, ev),
            string.IsNullOrWhiteSpace(ev.Location) ? null : ev.Location.Trim(),
            ev.Organizer?.Value is { } organizer ? new InvitationPerson(Clean(ev.Organizer.CommonName), AddressOf(organizer)) : null,
            [.. ev.Attendees.Where(a => a.Value is not null).Select(a => new InvitationAttendee(Clean(a.CommonName), AddressOf(a.Value!), a.ParticipationStatus ?? "NEEDS-ACTION"))],
            rule is null ? null : RepeatReader.Read(rule),
            method == InvitationMethod.Cancel || string.Equals(ev.Status, "CANCELLED", StringComparison.OrdinalIgnoreCase),
            source)
        {
            OccurrenceOf = ev.RecurrenceIdentifier?.StartTime?.ToString(),
        };
    }

    private static InvitationWhen? When(IcsCalendar calendar, CalendarEvent ev)
    {
        if (ev.DtStart is not { } start)
        {
            return null;
        }

        var end = ev.DtEnd ?? (ev.Duration is { } duration ? start.Add(duration) : null);
        if (!start.HasTime)
        {
            var day = new DateTimeOffset(start.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var endDay = end is { } e && e.Date > start.Date ? new DateTimeOffset(e.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : day.AddDays(1);
            return new InvitationWhen(day, endDay, AllDay: true, null, Floating: false);
        }

        if (start.IsFloating)
        {
            return new InvitationWhen(new DateTimeOffset(start.Value, TimeSpan.Zero), end is null ? null : new DateTimeOffset(end.Value, TimeSpan.Zero), false, null, Floating: true);
        }

        var zone = start.IsUtc ? null : start.TzId;
        var startAt = Instant(calendar, start);
        var endAt = end is null ? null : Instant(calendar, end);
        return startAt is null
            // A zone neither Ical.Net nor the VTIMEZONE can place: the organiser's wall clock, said to be theirs.
            ? new InvitationWhen(new DateTimeOffset(start.Value, TimeSpan.Zero), end is null ? null : new DateTimeOffset(end.Value, TimeSpan.Zero), false, zone, Floating: true)
            : new InvitationWhen(startAt.Value, endAt, false, zone, Floating: false);
    }

    /// <summary>The exact instant of a zoned time, with the organiser's offset; null when its zone cannot be placed.</summary>
    private static DateTimeOffset? Instant(IcsCalendar calendar, CalDateTime time)
    {
        TimeSpan offset;
        try
        {
            offset = time.Value - time.AsUtc;
        }
        catch (ArgumentException)
        {
            // An unknown TZID ("Customized Time Zone"): a VTIMEZONE with a single offset still places it.
            var offsets = calendar.TimeZones.Where(z => z.TzId == time.TzId).SelectMany(z => z.TimeZoneInfos).Select(i => i.OffsetTo).Distinct().ToList();
            if (offsets is not [{ } only])
            {
                return null;
            }

            offset = only.Offset;
        }

        return new DateTimeOffset(DateTime.SpecifyKind(time.Value, DateTimeKind.Unspecified), offset);
    }

    /// <summary>The address of a <c>mailto:</c> URI ("mailto:Ann%40x" → "Ann@x"); anything else as written.</summary>
    public static string AddressOf(Uri uri)
    {
        var text = Uri.UnescapeDataString(uri.OriginalString).Trim();
        return text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? text[7..].Trim() : text;
    }

    private static string? Clean(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim().Trim('"');
}
