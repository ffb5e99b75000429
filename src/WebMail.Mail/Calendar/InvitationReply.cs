using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using MimeKit;
using MimeKit.Utils;
using IcsCalendar = Ical.Net.Calendar;

namespace WebMail.Mail.Calendar;

/// <summary>
/// Builds the iMIP REPLY (RFC 5546 §3.2.3, RFC 6047) to an invitation: METHOD:REPLY, the same UID, SEQUENCE and
/// RECURRENCE-ID, a new DTSTAMP, the organiser, and only the replying attendee with the chosen PARTSTAT; mailed to
/// the organiser as multipart/alternative with a sentence for people and <c>text/calendar; method=REPLY</c>.
/// </summary>
public static class InvitationReply
{
    public const string ProductId = "-//WebMail//Invitation reply//EN";

    /// <summary>The REPLY message from <paramref name="attendee"/> (whose address is sent exactly as the invitation wrote it).</summary>
    /// <param name="fromName">The display name for From (the user's identity), or null to use the attendee's CN.</param>
    /// <param name="inReplyTo">The invitation's Message-ID, for threading, when it has one.</param>
    public static MimeMessage Build(Invitation invitation, InvitationAttendee attendee, InvitationAnswer answer, string? fromName, DateTimeOffset now, string? inReplyTo = null)
    {
        if (invitation.Organizer is not { } organizer || !MailboxAddress.TryParse(organizer.Address, out var organizerAddress))
        {
            throw new InvalidOperationException("The invitation names no organiser to answer.");
        }

        var name = fromName ?? attendee.Name;
        var message = new MimeMessage
        {
            Subject = $"{Verb(answer)}: {invitation.Title}",
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(MailboxAddress.TryParse(attendee.Address, out var a) ? a.Domain : "localhost"),
        };
        message.From.Add(new MailboxAddress(name, attendee.Address));
        message.To.Add(new MailboxAddress(organizer.Name, organizerAddress.Address));
        if (MimeUtils.EnumerateReferences(inReplyTo ?? "").FirstOrDefault() is { } original)
        {
            message.InReplyTo = original;
            message.References.Add(original);
        }

        var calendarPart = new TextPart("calendar") { Text = Calendar(invitation, attendee, answer, now) };
        calendarPart.ContentType.Charset = "UTF-8";
        calendarPart.ContentType.Parameters.Add("method", "REPLY");
        var text = new TextPart("plain") { Text = $"{name ?? attendee.Address} has {Verb(answer).ToLowerInvariant()} the invitation \"{invitation.Title}\".\r\n" };
        message.Body = new MultipartAlternative { text, calendarPart };
        return message;
    }

    /// <summary>"Accepted", "Tentatively accepted", "Declined" — the subject's first word as calendar programs write it.</summary>
    public static string Verb(InvitationAnswer answer) => answer switch
    {
        InvitationAnswer.Accepted => "Accepted",
        InvitationAnswer.Tentative => "Tentatively accepted",
        _ => "Declined",
    };

    /// <summary>The VCALENDAR of the reply, built from the invitation as received.</summary>
    internal static string Calendar(Invitation invitation, InvitationAttendee attendee, InvitationAnswer answer, DateTimeOffset now)
    {
        var source = IcsCalendar.Load(invitation.Source)
            ?? throw new InvalidOperationException("The invitation could not be read again.");
        var original = source.Events.FirstOrDefault(e => e.Uid == invitation.Uid && e.RecurrenceIdentifier is null)
            ?? source.Events.First(e => e.Uid == invitation.Uid);

        var reply = new IcsCalendar { Method = "REPLY", ProductId = ProductId };
        var ev = new CalendarEvent
        {
            Uid = original.Uid,
            Sequence = original.Sequence,
            DtStamp = new CalDateTime(now.UtcDateTime, CalDateTime.UtcTzId),
            Organizer = original.Organizer,
            Summary = original.Summary,
            DtStart = original.DtStart,
            DtEnd = original.DtEnd,
            RecurrenceIdentifier = original.RecurrenceIdentifier,
        };
        if (original.DtEnd is null && original.Duration is { } duration)
        {
            ev.Duration = duration;
        }

        var sent = original.Attendees.First(x => x.Value is not null && string.Equals(InvitationReader.AddressOf(x.Value), attendee.Address, StringComparison.OrdinalIgnoreCase));
        ev.Attendees.Add(new Attendee(sent.Value!) { CommonName = sent.CommonName, ParticipationStatus = Invitations.PartStat(answer) });
        reply.Events.Add(ev);

        // The times keep their TZID, so the zones they name travel with them.
        var zones = new[] { original.DtStart?.TzId, original.DtEnd?.TzId, original.RecurrenceIdentifier?.StartTime?.TzId }.Where(z => z is not null).ToHashSet(StringComparer.Ordinal);
        foreach (var zone in source.TimeZones.Where(z => zones.Contains(z.TzId)))
        {
            reply.TimeZones.Add(zone.Copy<VTimeZone>()!);
        }

        return new CalendarSerializer().SerializeToString(reply) ?? throw new InvalidOperationException("The reply could not be written.");
    }

    /// <summary>"Ann accepted", "Ann declined" — how a REPLY received is summed up.</summary>
    public static string Summary(InvitationAttendee attendee) => attendee.Answer switch
    {
        InvitationAnswer.Accepted => $"{attendee.Display} accepted",
        InvitationAnswer.Tentative => $"{attendee.Display} tentatively accepted",
        InvitationAnswer.Declined => $"{attendee.Display} declined",
        _ => $"{attendee.Display} answered ({attendee.Participation.ToLower(CultureInfo.InvariantCulture)})",
    };
}
