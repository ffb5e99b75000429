using MailKit;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using WebMail.Mail.Calendar;
using WebMail.Mail.Tests.Sending;
using WebMail.Testing;
using IcsCalendar = Ical.Net.Calendar;

namespace WebMail.Mail.Tests.Calendar;

/// <summary>An invitation delivered through Postfix to the attendee, answered from WebMail, the REPLY read in the organiser's inbox.</summary>
public sealed class InvitationRoundTripTests
{
    [Theory]
    [InlineData(InvitationAnswer.Accepted, "ACCEPTED", "Accepted: Design review")]
    [InlineData(InvitationAnswer.Tentative, "TENTATIVE", "Tentatively accepted: Design review")]
    [InlineData(InvitationAnswer.Declined, "DECLINED", "Declined: Design review")]
    public async Task Answer_Request_ReplyReachesOrganiserWithPartStatUidAndOnlyTheAttendee(InvitationAnswer answer, string partStat, string subject)
    {
        var (attendee, organizer) = (MailStack.NewUser("att"), MailStack.NewUser("org"));
        await MailStack.DeliverAsync(CalendarFixtures.Load("request-berlin-weekly.eml", attendee, organizer), attendee);
        await MailStack.WaitForInboxAsync(attendee, 1);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(attendee);
        var id = await InvitationReadingTests.FindAsync(lease.Session, "Design review");
        var view = await lease.Session.Messages.GetMessageAsync(id);
        var service = new InvitationService(lease.Session, NullLogger.Instance);
        var invitation = (await service.ReadAsync(id, view.Calendar!)).Invitation!;
        var me = invitation.AttendeeFor([attendee])!;

        var note = await service.AnswerAsync(id, invitation, me, answer, "Alice J.", view.Headers[HeaderId.MessageId], SmtpSenderTests.Sender(host.Credentials), saveToSent: true);

        Assert.Null(note);
        await MailStack.WaitForInboxAsync(organizer, 1);
        var reply = await FirstInboxMessageAsync(organizer);
        Assert.Equal(subject, reply.Subject);
        Assert.Equal(attendee, reply.From.Mailboxes.Single().Address);
        Assert.Equal("<design-review-request@example.test>", $"<{reply.InReplyTo}>");
        var alternative = Assert.IsType<MultipartAlternative>(reply.Body);
        Assert.Contains("Alice J. has", Assert.IsType<TextPart>(alternative[0]).Text, StringComparison.Ordinal);
        var part = Assert.IsType<TextPart>(alternative[1]);
        Assert.Equal(("text/calendar", "REPLY", "utf-8"), (part.ContentType.MimeType, part.ContentType.Parameters["method"], part.ContentType.Charset?.ToLowerInvariant()));

        var calendar = IcsCalendar.Load(part.Text)!;
        Assert.Equal("REPLY", calendar.Method);
        var ev = Assert.Single(calendar.Events);
        Assert.Equal(("design-review-7c1f@example.test", 0), (ev.Uid, ev.Sequence));
        Assert.Equal($"mailto:{organizer}", ev.Organizer!.Value!.OriginalString);
        var replied = Assert.Single(ev.Attendees);
        Assert.Equal((attendee, partStat), (InvitationReader.AddressOf(replied.Value!), replied.ParticipationStatus));
        Assert.True(ev.DtStamp!.AsUtc > DateTime.UtcNow.AddMinutes(-5), "DTSTAMP is the time of the reply");
        Assert.Equal("Europe/Berlin", ev.DtStart!.TzId);
        Assert.Equal("Europe/Berlin", Assert.Single(calendar.TimeZones).TzId);

        // Remembered on the invitation (its keyword), and filed in the attendee's Sent.
        Assert.Equal(answer, (await service.ReadAsync(id, view.Calendar!)).Answered);
        Assert.Equal(subject, (await FirstMessageAsync(attendee, SpecialFolder.Sent)).Subject);
    }

    [Fact]
    public async Task Answer_Again_OnlyTheLastAnswerIsRemembered()
    {
        var (attendee, organizer) = (MailStack.NewUser("att"), MailStack.NewUser("org"));
        await MailStack.DeliverAsync(CalendarFixtures.Load("request-berlin-weekly.eml", attendee, organizer), attendee);
        await MailStack.WaitForInboxAsync(attendee, 1);
        await using var host = new MailTestHost();
        using var lease = host.Pool.Lease(attendee);
        var id = await InvitationReadingTests.FindAsync(lease.Session, "Design review");
        var view = await lease.Session.Messages.GetMessageAsync(id);
        var service = new InvitationService(lease.Session, NullLogger.Instance);
        var invitation = (await service.ReadAsync(id, view.Calendar!)).Invitation!;
        var sender = SmtpSenderTests.Sender(host.Credentials);

        await service.AnswerAsync(id, invitation, invitation.AttendeeFor([attendee])!, InvitationAnswer.Accepted, null, null, sender, saveToSent: false);
        await service.AnswerAsync(id, invitation, invitation.AttendeeFor([attendee])!, InvitationAnswer.Declined, null, null, sender, saveToSent: false);

        Assert.Equal(InvitationAnswer.Declined, (await service.ReadAsync(id, view.Calendar!)).Answered);
        await MailStack.WaitForInboxAsync(organizer, 2);
    }

    private static async Task<MimeMessage> FirstInboxMessageAsync(string user)
    {
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return await client.Inbox.GetMessageAsync(0);
    }

    private static async Task<MimeMessage> FirstMessageAsync(string user, SpecialFolder special)
    {
        using var client = await MailStack.ConnectAsync(user);
        var folder = client.GetFolder(special)!;
        await folder.OpenAsync(FolderAccess.ReadOnly);
        return await folder.GetMessageAsync(0);
    }
}
