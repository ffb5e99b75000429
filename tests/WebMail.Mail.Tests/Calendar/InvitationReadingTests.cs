using Microsoft.Extensions.Logging.Abstractions;
using WebMail.Mail.Calendar;
using WebMail.Mail.Model;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Calendar;

/// <summary>One mailbox holding every invitation fixture, read through Dovecot as the reader reads them.</summary>
public sealed class InvitationMailbox : IAsyncLifetime
{
    public static readonly string[] Files =
        ["request-berlin-weekly.eml", "request-allday-monthly.eml", "cancel.eml", "reply-declined.eml", "malformed.eml", "request-custom-zone.eml"];

    public string User { get; } = MailStack.NewUser("ics");

    public MailTestHost Host { get; } = new();

    public async Task InitializeAsync() => await Seeder.SeedAsync(User, MailStack.TestPassword, CalendarFixtures.For(null, null, Files));

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class InvitationReadingTests(InvitationMailbox mailbox) : IClassFixture<InvitationMailbox>
{
    [Fact]
    public async Task Read_WeeklyRequestInBerlin_TimeInOrganisersZoneAndRuleInWords()
    {
        var (view, read) = await OpenAsync("Design review (weekly");

        var invitation = Assert.IsType<Invitation>(read.Invitation);
        Assert.Equal(InvitationMethod.Request, invitation.Method);
        Assert.False(invitation.IsUpdate);
        Assert.Equal(("design-review-7c1f@example.test", 0), (invitation.Uid, invitation.Sequence));
        Assert.Equal("Design review", invitation.Title);
        Assert.Equal("Room 4.12", invitation.Location);
        var when = Assert.IsType<InvitationWhen>(invitation.When);
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.FromHours(1)), when.Start);
        Assert.Equal(TimeSpan.FromHours(1), when.Start.Offset);
        Assert.Equal(new DateTime(2027, 1, 4, 9, 0, 0, DateTimeKind.Utc), when.Start.UtcDateTime);
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 11, 0, 0, TimeSpan.FromHours(1)), when.End);
        Assert.Equal(("Europe/Berlin", false, false), (when.TimeZoneId, when.AllDay, when.Floating));
        var weekly = invitation.Recurrence!;
        Assert.Equal((RepeatUnit.Week, 1, 10, (DateOnly?)null), (weekly.Unit, weekly.Interval, weekly.Count, weekly.Until));
        Assert.Equal([new RepeatDay(DayOfWeek.Monday, null), new RepeatDay(DayOfWeek.Wednesday, null)], weekly.Days);
        Assert.Equal(new InvitationPerson("Olga Petrova", "olga@example.test"), invitation.Organizer);
        Assert.Equal(
            ["olga@example.test ACCEPTED", "alice@example.test NEEDS-ACTION", "bob@example.test ACCEPTED"],
            invitation.Attendees.Select(a => $"{a.Address} {a.Participation}"));
        Assert.Equal("Alice Johnson", invitation.AttendeeFor(["ALICE@example.test"])?.Name);
        Assert.Null(invitation.AttendeeFor(["carol@example.test"]));
        Assert.Null(read.Answered);

        // Inline in multipart/alternative: not an attachment of the message, but its part can still be downloaded.
        Assert.Equal(("invite.ics", "REQUEST"), (view.Calendar!.FileName, view.Calendar.Method));
        Assert.DoesNotContain(view.Attachments, a => a.PartId == view.Calendar.PartId);
    }

    [Fact]
    public async Task Read_AllDayMonthlyUpdateInBase64_DatesKeptAndUpdateNoticed()
    {
        var (view, read) = await OpenAsync("Updated invitation: Team offsite");

        var invitation = Assert.IsType<Invitation>(read.Invitation);
        Assert.True(invitation.IsUpdate);
        Assert.Equal(2, invitation.Sequence);
        Assert.Equal("Team offsite day – Zürich", invitation.Title);
        var when = invitation.When!;
        Assert.True(when.AllDay);
        Assert.Equal((new DateTime(2027, 1, 15), new DateTime(2027, 1, 16)), (when.Start.DateTime, when.End!.Value.DateTime));
        Assert.Equal((RepeatUnit.Month, 1, (int?)null, new DateOnly(2027, 3, 31)), (invitation.Recurrence!.Unit, invitation.Recurrence.Interval, invitation.Recurrence.Count, invitation.Recurrence.Until));
        Assert.Contains(view.Attachments, a => a.PartId == view.Calendar!.PartId && a.FileName == "invite.ics");
    }

    [Fact]
    public async Task Read_Cancel_CancelledInUtc()
    {
        var (_, read) = await OpenAsync("Cancelled: Design review");

        var invitation = Assert.IsType<Invitation>(read.Invitation);
        Assert.Equal(InvitationMethod.Cancel, invitation.Method);
        Assert.True(invitation.Cancelled);
        Assert.Null(invitation.When!.TimeZoneId);
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero), invitation.When.Start);
    }

    [Fact]
    public async Task Read_Reply_SaysWhoDeclined()
    {
        var (_, read) = await OpenAsync("Declined: Quarterly planning");

        var invitation = Assert.IsType<Invitation>(read.Invitation);
        Assert.Equal(InvitationMethod.Reply, invitation.Method);
        var bob = Assert.Single(invitation.Attendees);
        Assert.Equal(InvitationAnswer.Declined, bob.Answer);
        Assert.Equal("Bob Martin declined", InvitationReply.Summary(bob));
    }

    [Fact]
    public async Task Read_CutOffCalendar_SaysItCannotBeReadAndFileStaysAnAttachment()
    {
        var (view, read) = await OpenAsync("Broken calendar");

        Assert.Null(read.Invitation);
        Assert.Equal(InvitationReader.Unreadable, read.Problem);
        Assert.Contains(view.Attachments, a => a.PartId == view.Calendar!.PartId && a.FileName == "broken.ics");
    }

    [Fact]
    public async Task Read_OutlookCustomisedZone_PlacedByItsVTimeZone()
    {
        var (_, read) = await OpenAsync("Pune office");

        var when = read.Invitation!.When!;
        Assert.False(when.Floating);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 15, 30, 0, new TimeSpan(5, 30, 0)), when.Start);
        Assert.Equal(new DateTime(2027, 1, 5, 10, 0, 0, DateTimeKind.Utc), when.Start.UtcDateTime);
        Assert.Equal("Customized Time Zone", when.TimeZoneId);
    }

    [Fact]
    public async Task Open_CorpusMessages_CalendarPartOnlyWhereThereIsOne()
    {
        var user = MailStack.NewUser("plain");
        await Seeder.SeedAsync(user, MailStack.TestPassword,
            [Corpus.File("plain-text-urls-and-escaping.eml"), Corpus.File("gen-20261111-198-calendar.unread.eml"), Corpus.File("attachment-pdf-invoice.flagged.eml")]);
        using var lease = mailbox.Host.Pool.Lease(user);

        var found = new List<string>();
        foreach (var row in (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 5)).Rows)
        {
            var view = await lease.Session.Messages.GetMessageAsync(row.Id);
            if (view.Calendar is { } calendar)
            {
                var read = await new InvitationService(lease.Session, NullLogger.Instance).ReadAsync(row.Id, calendar);
                found.Add($"{calendar.Method} {read.Invitation?.Title}");
            }
        }

        Assert.Equal(["CANCEL Sprint planning"], found);
    }

    private async Task<(MessageView View, InvitationRead Read)> OpenAsync(string subject)
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);
        var id = await FindAsync(lease.Session, subject);
        var view = await lease.Session.Messages.GetMessageAsync(id);
        Assert.NotNull(view.Calendar);
        return (view, await new InvitationService(lease.Session, NullLogger.Instance).ReadAsync(id, view.Calendar));
    }

    internal static async Task<MessageRef> FindAsync(WebMail.Mail.Sessions.UserMailSession session, string subject) =>
        (await session.Messages.GetMessagesAsync("INBOX", 0, 50)).Rows.Single(r => r.Subject.Contains(subject, StringComparison.Ordinal)).Id;
}
