using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Components.Mail;
using WebMail.Web.Components.Pages;
using WebMail.Web.Tests.Components;

namespace WebMail.Web.Tests.Localization;

/// <summary>On a German page, what the mail server did and what a reply quotes is German too (real Dovecot behind the components).</summary>
public sealed class LocalizedMailFailureTests() : ComposeComponentContext("plain-text-urls-and-escaping.eml")
{
    [Fact]
    public async Task Reader_MessageGoneMeanwhile_SaysSoInGerman()
    {
        using var _ = new CultureScope("de-DE");
        MailKit.UniqueId uid;
        WebMail.Mail.Model.MessageRef id;
        using (var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User))
        {
            id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single().Id;
            uid = new MailKit.UniqueId(id.UidValidity, id.Uid);
        }

        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id with { Uid = uid.Id + 1000 }));

        cut.WaitForAssertion(() => Assert.Equal(
            "Diese Nachricht existiert nicht mehr. Sie wurde vielleicht in einem anderen Fenster verschoben oder gelöscht.",
            cut.Find("p[role=status]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("no longer exists", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compose_ReplyInGerman_AttributionInGermanAndTheUsersTimeZone()
    {
        using var _ = new CultureScope("de-DE");
        Services.GetRequiredService<WebMail.Web.Localization.UserTime>().Use("Pacific/Auckland", null);

        var original = new MimeKit.MimeMessage { Subject = "Mittagessen?", Date = new DateTimeOffset(2026, 11, 20, 12, 5, 0, TimeSpan.Zero), Body = new MimeKit.TextPart("plain") { Text = "Um zwölf?" } };
        original.From.Add(new MimeKit.MailboxAddress("Dave", "dave@example.test"));
        original.To.Add(MimeKit.MailboxAddress.Parse(User));
        await MailStack.DeliverAsync(original, User);
        await MailStack.WaitForInboxAsync(User, 2);
        using (var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User))
        {
            var id = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows.Single(r => r.Subject == "Mittagessen?").Id;
            Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"compose?reply={id.ToToken()}&kind=Reply");
        }

        var cut = Render<ComposePage>();
        cut.WaitForState(() => EditorStart() is not null, TimeSpan.FromSeconds(10));

        // 12:05 UTC is 01:05 the next day in Auckland (UTC+13 in November).
        var text = EditorStart()!.Text;
        Assert.Contains("\n\nAm Sa 21. Nov. 2026 01:05 schrieb Dave <dave@example.test>:\n> Um zwölf?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("wrote:", text, StringComparison.Ordinal);
    }
}
