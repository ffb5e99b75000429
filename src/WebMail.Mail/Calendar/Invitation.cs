namespace WebMail.Mail.Calendar;

/// <summary>What an iMIP message (RFC 6047) asks of its reader, from the iCalendar METHOD.</summary>
public enum InvitationMethod
{
    /// <summary>An invitation, or an update of one (same UID, higher SEQUENCE): the attendee may answer.</summary>
    Request,

    /// <summary>The organiser cancelled the event (or the attendee's place in it).</summary>
    Cancel,

    /// <summary>An attendee's answer, sent to the organiser.</summary>
    Reply,

    /// <summary>An event published for information only; nobody is asked to answer.</summary>
    Publish,

    /// <summary>Any other method (COUNTER, REFRESH, ADD, DECLINECOUNTER …): shown, never acted on.</summary>
    Other,
}

/// <summary>An attendee's answer to an invitation (iCalendar PARTSTAT).</summary>
public enum InvitationAnswer
{
    Accepted,
    Tentative,
    Declined,
}

/// <summary>An organiser or attendee: a display name (CN) and the address of its <c>mailto:</c> URI.</summary>
public record InvitationPerson(string? Name, string Address)
{
    public string Display => string.IsNullOrWhiteSpace(Name) ? Address : Name;
}

/// <summary>An attendee with the state of their answer.</summary>
/// <param name="Participation">The PARTSTAT as written (NEEDS-ACTION, ACCEPTED, TENTATIVE, DECLINED, DELEGATED …).</param>
public sealed record InvitationAttendee(string? Name, string Address, string Participation) : InvitationPerson(Name, Address)
{
    /// <summary>The answer this attendee gave, if it is one of the three a reader can give.</summary>
    public InvitationAnswer? Answer => Invitations.AnswerOf(Participation);
}

/// <summary>When the event takes place.</summary>
/// <param name="Start">
/// The start. For a timed event in a known zone (or UTC) an exact instant whose offset is the organiser's at that time,
/// so <c>Start.DateTime</c> is the organiser's wall clock; for an all-day or floating event the date and time as
/// written, with offset zero, never to be converted.
/// </param>
/// <param name="End">The end (exclusive for an all-day event: the day after the last), when given.</param>
/// <param name="TimeZoneId">The organiser's time zone (TZID) for a timed event; null for UTC, floating and all-day events.</param>
/// <param name="Floating">True when the time is a local time in no known zone: it is shown as written.</param>
public sealed record InvitationWhen(DateTimeOffset Start, DateTimeOffset? End, bool AllDay, string? TimeZoneId, bool Floating);

/// <summary>One calendar invitation, cancellation or answer, as read from the message's <c>text/calendar</c> part.</summary>
/// <param name="MethodName">The METHOD as written (REQUEST, CANCEL …), for the rare one shown as <see cref="InvitationMethod.Other"/>.</param>
/// <param name="When">Null when the event gives no usable start.</param>
/// <param name="Recurrence">The repeat rule as data (worded by the Web layer: "Every week on Monday and Wednesday, 10 times"), or null for a single event.</param>
/// <param name="Cancelled">True for a CANCEL, and for an event whose STATUS is CANCELLED.</param>
/// <param name="Source">The iCalendar text as received; the reply is built from it.</param>
public sealed record Invitation(
    InvitationMethod Method,
    string MethodName,
    string Uid,
    int Sequence,
    string Title,
    InvitationWhen? When,
    string? Location,
    InvitationPerson? Organizer,
    IReadOnlyList<InvitationAttendee> Attendees,
    Repeat? Recurrence,
    bool Cancelled,
    string Source)
{
    /// <summary>An update of an earlier invitation (SEQUENCE above 0).</summary>
    public bool IsUpdate => Method == InvitationMethod.Request && Sequence > 0;

    /// <summary>Set when the message concerns one occurrence of a repeating event (RECURRENCE-ID), as written.</summary>
    public string? OccurrenceOf { get; init; }

    /// <summary>The first attendee whose address is one of <paramref name="ownAddresses"/>, or null when the user is not invited.</summary>
    public InvitationAttendee? AttendeeFor(IEnumerable<string> ownAddresses)
    {
        var own = new HashSet<string>(ownAddresses, StringComparer.OrdinalIgnoreCase);
        return Attendees.FirstOrDefault(a => own.Contains(a.Address));
    }
}

/// <summary>What the reader can show of a message's invitation.</summary>
/// <param name="Invitation">The invitation, or null when it could not be read.</param>
/// <param name="Problem">Why it could not be read, as a sentence (null when it was).</param>
/// <param name="Answered">The answer the user already sent from here (kept as a keyword on the message), if any.</param>
public sealed record InvitationRead(Invitation? Invitation, string? Problem, InvitationAnswer? Answered);

/// <summary>PARTSTAT values and the keywords that remember an answer.</summary>
public static class Invitations
{
    /// <summary>The IMAP keyword set on an invitation once the user answered it from here.</summary>
    public static string Keyword(InvitationAnswer answer) => answer switch
    {
        InvitationAnswer.Accepted => "$InviteAccepted",
        InvitationAnswer.Tentative => "$InviteTentative",
        _ => "$InviteDeclined",
    };

    /// <summary>The PARTSTAT written for an answer.</summary>
    public static string PartStat(InvitationAnswer answer) => answer switch
    {
        InvitationAnswer.Accepted => "ACCEPTED",
        InvitationAnswer.Tentative => "TENTATIVE",
        _ => "DECLINED",
    };

    public static InvitationAnswer? AnswerOf(string? partStat) => partStat?.Trim().ToUpperInvariant() switch
    {
        "ACCEPTED" => InvitationAnswer.Accepted,
        "TENTATIVE" => InvitationAnswer.Tentative,
        "DECLINED" => InvitationAnswer.Declined,
        _ => null,
    };

    /// <summary>The answer remembered by the message's keywords (the last of them wins if several are set).</summary>
    public static InvitationAnswer? AnsweredBy(IEnumerable<string> keywords)
    {
        InvitationAnswer? found = null;
        foreach (var keyword in keywords)
        {
            foreach (var answer in Enum.GetValues<InvitationAnswer>())
            {
                if (string.Equals(keyword, Keyword(answer), StringComparison.OrdinalIgnoreCase))
                {
                    found = answer;
                }
            }
        }

        return found;
    }
}
