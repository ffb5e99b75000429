using Bunit;
using MailKit;
using MimeKit;
using WebMail.Testing;
using WebMail.Web.Components.Mail;
using WebMail.Web.Tests.Components;

namespace WebMail.Web.Tests.Conversations;

/// <summary>The conversation list against the real Dovecot: a reply and its original are one row, newest activity first.</summary>
public sealed class ConversationListTests() : MailComponentContext(Array.Empty<string>())
{
    [Fact]
    public async Task Render_InboxWithAThread_OneRowPerConversationNewestFirst()
    {
        var start = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
        await AppendAsync(Message("m1", "Team dinner", "Carol", start));
        await AppendAsync(Message("m2", "Invoices", "Dave", start.AddMinutes(1)));
        await AppendAsync(Message("m3", "Re: Team dinner", "Erin", start.AddMinutes(2), parent: "m1"), MessageFlags.None);

        var cut = Render<ConversationList>(p => p.Add(c => c.Folder, "INBOX"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("li.conversation").Count), TimeSpan.FromSeconds(10));
        var rows = cut.FindAll("li.conversation");
        Assert.Equal("Team dinner", rows[0].QuerySelector(".subject")!.TextContent);
        Assert.Equal("Carol, Erin", rows[0].QuerySelector(".participants")!.TextContent);
        Assert.Equal("2", rows[0].GetAttribute("data-count"));
        Assert.Contains("unread", rows[0].ClassList);
        Assert.Equal("Invoices", rows[1].QuerySelector(".subject")!.TextContent);
        Assert.DoesNotContain("unread", rows[1].ClassList);
    }

    private static MimeMessage Message(string id, string subject, string from, DateTimeOffset date, string? parent = null)
    {
        var message = new MimeMessage { Subject = subject, Date = date, MessageId = $"{id}@list.example" };
        message.From.Add(new MailboxAddress(from, $"{from.ToLowerInvariant()}@example.org"));
        message.To.Add(MailboxAddress.Parse("team@example.org"));
        if (parent is not null)
        {
            message.InReplyTo = $"{parent}@list.example";
            message.References.Add($"{parent}@list.example");
        }

        message.Body = new TextPart("plain") { Text = $"{subject}\r\n" };
        return message;
    }

    private async Task AppendAsync(MimeMessage message, MessageFlags flags = MessageFlags.Seen)
    {
        using var client = await MailStack.ConnectAsync(User);
        await client.Inbox.AppendAsync(new AppendRequest(message, flags) { InternalDate = message.Date });
        await client.DisconnectAsync(true);
    }
}
