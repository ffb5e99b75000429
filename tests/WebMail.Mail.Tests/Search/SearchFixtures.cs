using MailKit;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Search;

/// <summary>Messages made for search and sort: each subject names one, so a test asserts subjects.</summary>
internal static class SearchFixtures
{
    public static MimeMessage Letter(string subject, string from, string to, string? date, string body = "Hello.", string? cc = null, bool attachment = false)
    {
        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        if (cc is not null)
        {
            message.Cc.Add(MailboxAddress.Parse(cc));
        }

        if (date is null)
        {
            message.Headers.Remove(HeaderId.Date);
        }
        else
        {
            message.Date = DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture);
        }

        var text = new TextPart("plain") { Text = body };
        if (attachment)
        {
            var file = new MimePart("application", "pdf") { FileName = "report.pdf", Content = new MimeContent(new MemoryStream("%PDF-1.4 fake"u8.ToArray())) };
            message.Body = new Multipart("mixed") { text, file };
        }
        else
        {
            message.Body = text;
        }

        return message;
    }

    public static async Task AppendAsync(IMailFolder folder, MimeMessage message, MessageFlags flags = MessageFlags.None, params string[] keywords)
    {
        var request = new AppendRequest(message, flags) { Keywords = keywords.Length == 0 ? null : new HashSet<string>(keywords) };
        await folder.AppendAsync(request);
    }

    /// <summary>The INBOX of the read-only search tests: ties on sender, recipient, date and subject on purpose.</summary>
    public static async Task SeedAsync(string user)
    {
        using var client = await MailStack.ConnectAsync(user);
        var inbox = client.Inbox;
        await AppendAsync(inbox, Letter("Budget 2026", "Alice Archer <alice@a.example>", "bob@b.example", "2026-01-10 09:00 +0000", "Numbers for next year.", cc: "carol@c.example"));
        await AppendAsync(inbox, Letter("Re: Budget 2026", "Bob Baker <bob@b.example>", "alice@a.example", "2026-01-11 10:00 +0000", "Looks fine."), MessageFlags.Seen | MessageFlags.Answered);
        await AppendAsync(inbox, Letter("Quarterly report", "carol@c.example", "dave@d.example", "2025-12-01 08:00 +0100", "The quarterly report is attached.", attachment: true), MessageFlags.Seen | MessageFlags.Flagged);
        await AppendAsync(inbox, Letter("lunch", "Zed <zed@z.example>", "alice@a.example", "2025-06-01 12:00 +0000", string.Concat(Enumerable.Repeat("pasta and salad ", 2000))), MessageFlags.Seen, "todo");
        await AppendAsync(inbox, Letter("[team] Fwd: plans", "Alice Archer <alice@a.example>", "team@t.example", "2026-02-01 09:00 +0000", "See the plans."));
        await AppendAsync(inbox, Letter("Grüße aus München", "Jürgen <juergen@d.example>", "alice@a.example", "2026-02-10 09:00 +0000", "Schöne Grüße aus dem Süden."));
        await AppendAsync(inbox, Letter("Re: Quarterly report", "Bob Baker <bob@b.example>", "carol@c.example", "2025-12-01 08:00 +0100", "Thanks."), MessageFlags.Seen);
        await AppendAsync(inbox, Letter("No date at all", "yolanda@y.example", "alice@a.example", null, "Undated."), MessageFlags.Seen);
        await AppendAsync(inbox, Letter("", "xavier@x.example", "Alice <alice@a.example>", "2024-03-03 03:03 +0000", "No subject here."));
        // Marked by the server's attachment detection (or a client) without being multipart/mixed: found by the keyword.
        var pdf = Letter("Scan", "scanner@s.example", "alice@a.example", "2026-01-20 09:00 +0000");
        pdf.Body = new MimePart("application", "pdf") { FileName = "scan.pdf", Content = new MimeContent(new MemoryStream("%PDF-1.4 scan"u8.ToArray())) };
        await AppendAsync(inbox, pdf, MessageFlags.Seen, "$HasAttachment");
        // multipart/mixed with nothing attached, and said so: not found by has:attachment.
        var plain = Letter("Mixed but plain", "mixer@m.example", "alice@a.example", "2026-01-21 09:00 +0000");
        plain.Body = new Multipart("mixed") { new TextPart("plain") { Text = "Only text." } };
        await AppendAsync(inbox, plain, MessageFlags.Seen, "$HasNoAttachment");
        await client.DisconnectAsync(true);
    }

    public static IReadOnlyList<string> Subjects(ListPage page) => [.. page.Rows.Select(r => r.Subject)];
}
