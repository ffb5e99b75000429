using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Components.Mail;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Components;

/// <summary>The invitation card inside the reader, over the real Dovecot, for a user whose clock runs in New York.</summary>
public sealed class InvitationCardTests : MailComponentContext
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public InvitationCardTests()
        : base(CalendarFixtures.For(null, null, "request-berlin-weekly.eml", "cancel.eml", "reply-declined.eml", "malformed.eml", "request-allday-monthly.eml")) =>
        Services.AddSingleton<TimeProvider>(new ZonedTime(NewYork));

    [Fact]
    public async Task Card_RequestInBerlin_UserTimeWithOrganisersZoneNotedRecurrenceInWordsAndAnswers()
    {
        // alice@example.test, the attendee, is one of the user's identities.
        await Services.GetRequiredService<IdentityStore>().SaveAsync(new IdentityRecord { UserName = User, Address = CalendarFixtures.Attendee, DisplayName = "Alice" });

        var card = await OpenCardAsync("Invitation: Design review");

        Assert.Equal("Invitation", card.QuerySelector(".invitation-kind")!.TextContent);
        Assert.Equal("Design review", card.QuerySelector("h3")!.TextContent);
        var when = Field(card, "When");
        Assert.StartsWith("Monday, 4 January 2027, 04:00 – 05:00", when, StringComparison.Ordinal);
        Assert.Contains("(Monday, 4 January 2027, 10:00 – 11:00 in Europe/Berlin, the organiser's time zone)", when, StringComparison.Ordinal);
        Assert.Equal("Every week on Monday and Wednesday, 10 times", Field(card, "Repeats"));
        Assert.Equal("Room 4.12", Field(card, "Where"));
        Assert.Equal("Olga Petrova <olga@example.test>", Field(card, "Organiser"));
        Assert.Contains("Alice Johnson <alice@example.test> not answered yet", Field(card, "Attendees"), StringComparison.Ordinal);
        Assert.Equal(["Accept", "Tentative", "Decline"], card.QuerySelectorAll("[aria-label='Answer the invitation'] button").Select(b => b.TextContent));
        Assert.Equal("Download invite.ics", card.QuerySelector("a[download]")!.TextContent);
    }

    [Fact]
    public async Task Card_UserNotAnAttendee_NoButtonsAndSaysWhy()
    {
        var card = await OpenCardAsync("Invitation: Design review");

        Assert.Empty(card.QuerySelectorAll("button"));
        Assert.Contains($"None of your addresses ({User}) is among the attendees", card.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_Cancel_SaysCancelledWithTitleStruckThrough()
    {
        var card = await OpenCardAsync("Cancelled: Design review");

        Assert.Equal("This event was cancelled", card.QuerySelector(".invitation-kind")!.TextContent);
        Assert.Contains("cancelled", card.QuerySelector("h3")!.ClassList);
        Assert.Empty(card.QuerySelectorAll("button"));
        Assert.Equal("Monday, 4 January 2027, 04:00 – 05:00", Field(card, "When"));
    }

    [Fact]
    public async Task Card_AllDayUpdate_SaysUpdatedWithDayAndNoDownloadOfItsOwn()
    {
        var card = await OpenCardAsync("Updated invitation: Team offsite");

        Assert.Equal("Updated invitation", card.QuerySelector(".invitation-kind")!.TextContent);
        Assert.Equal("Friday, 15 January 2027, all day", Field(card, "When"));
        Assert.Equal("Every month until 31 March 2027", Field(card, "Repeats"));

        // Attached as invite.ics: the attachment list offers it already.
        Assert.Empty(card.QuerySelectorAll("a[download]"));
    }

    [Fact]
    public async Task Card_Reply_SaysWhoDeclined()
    {
        var card = await OpenCardAsync("Declined: Quarterly planning");

        Assert.Equal("Bob Martin declined.", card.QuerySelector(".invitation-answer")!.TextContent);
        Assert.Empty(card.QuerySelectorAll("button"));
    }

    [Fact]
    public async Task Card_Malformed_SaysItCannotBeRead()
    {
        var card = await OpenCardAsync("Invitation: Broken calendar");

        Assert.Contains("could not be read. You can still download the .ics file.", card.TextContent, StringComparison.Ordinal);
        Assert.Empty(card.QuerySelectorAll("h3"));
    }

    private async Task<AngleSharp.Dom.IElement> OpenCardAsync(string subjectStart)
    {
        MessageRef id;
        using (var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User))
        {
            id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 50)).Rows.Single(r => r.Subject.StartsWith(subjectStart, StringComparison.Ordinal)).Id;
        }

        var reader = Render<MessageReader>(p => p.Add(c => c.Id, id));
        reader.WaitForAssertion(() =>
        {
            Assert.NotEmpty(reader.FindAll("section.invitation"));
            Assert.Empty(reader.FindAll(".invitation-loading"));
        }, TimeSpan.FromSeconds(10));
        return reader.Find("section.invitation");
    }

    private static string Field(AngleSharp.Dom.IElement card, string name) =>
        System.Text.RegularExpressions.Regex.Replace(
            card.QuerySelectorAll("dt").Single(dt => dt.TextContent == name).NextElementSibling!.TextContent, @"\s+", " ").Trim();

    private sealed class ZonedTime(TimeZoneInfo zone) : TimeProvider
    {
        public override TimeZoneInfo LocalTimeZone => zone;
    }
}
