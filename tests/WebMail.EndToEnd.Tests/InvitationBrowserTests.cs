using MailKit;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Mail.Calendar;
using WebMail.Testing;
using WebMail.Testing.Web;
using IcsCalendar = Ical.Net.Calendar;

namespace WebMail.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class InvitationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Invitation_OpenedAndAccepted_ReplyArrivesInOrganisersInboxAndCardSaysSo()
    {
        var (attendee, organizer) = (MailStack.NewUser("e2e"), MailStack.NewUser("org"));
        await MailStack.DeliverAsync(CalendarFixtures.Load("request-berlin-weekly.eml", attendee, organizer), attendee);
        await MailStack.WaitForInboxAsync(attendee, 1);
        await using var session = await browser.SignedInAsync(attendee);
        var page = session.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "Design review" }).ClickAsync();
        var card = page.GetByRole(AriaRole.Region, new() { Name = "Invitation" });
        await Assertions.Expect(card.GetByRole(AriaRole.Heading, new() { Name = "Design review" })).ToBeVisibleAsync();
        // 10:00 in Berlin, shown in the browser's zone (the machine's here) and in its language's formats (Chromium: en-US).
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero), TimeZoneInfo.Local);
        var us = System.Globalization.CultureInfo.GetCultureInfo("en-US");
        await Assertions.Expect(card).ToContainTextAsync($"{local.ToString(us.DateTimeFormat.LongDatePattern, us)}, {local.ToString(us.DateTimeFormat.ShortTimePattern, us)}");
        await Assertions.Expect(card).ToContainTextAsync("Every week on Monday and Wednesday, 10 times");
        await Shots.SaveAsync(page, "invitation");

        await card.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Assertions.Expect(card.GetByRole(AriaRole.Status)).ToHaveTextAsync("You accepted.");
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToHaveAttributeAsync("aria-pressed", "true");
        await MailStack.WaitForInboxAsync(organizer, 1);
        using (var client = await MailStack.ConnectAsync(organizer))
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            var reply = await client.Inbox.GetMessageAsync(0);
            Assert.Equal("Accepted: Design review", reply.Subject);
            var part = reply.BodyParts.OfType<TextPart>().Single(p => p.ContentType.IsMimeType("text", "calendar"));
            Assert.Equal("REPLY", part.ContentType.Parameters["method"]);
            var ev = Assert.Single(IcsCalendar.Load(part.Text)!.Events);
            var replied = Assert.Single(ev.Attendees);
            Assert.Equal(("design-review-7c1f@example.test", attendee, "ACCEPTED"), (ev.Uid, InvitationReader.AddressOf(replied.Value!), replied.ParticipationStatus));
        }

        // Remembered: opened again in a new page, the card still says what was answered.
        await page.ReloadAsync();
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Design review" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Invitation" }).GetByRole(AriaRole.Status)).ToHaveTextAsync("You accepted.");
    }
}
