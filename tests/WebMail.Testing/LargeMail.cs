using System.Text;
using MailKit;
using MimeKit;

namespace WebMail.Testing;

/// <summary>Builds and delivers messages with a very large HTML body (newsletters, exported reports).</summary>
public static class LargeMail
{
    /// <summary>The first words of every large HTML body built here.</summary>
    public const string Opening = "LARGE-HTML-START Quarterly report";

    /// <summary>An HTML document of about <paramref name="bytes"/> bytes: a heading, then numbered paragraphs.</summary>
    public static string Html(int bytes)
    {
        var html = new StringBuilder(bytes + 256);
        html.Append("<html><head><style>p{color:#333}</style></head><body><h1>").Append(Opening).Append("</h1>\n");
        for (var i = 1; html.Length < bytes; i++)
        {
            html.Append("<p>Paragraph ").Append(i).Append(": the figures for this region are in the table below &amp; in the appendix.</p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>Appends a message whose HTML body has about <paramref name="htmlBytes"/> bytes to the user's INBOX.</summary>
    public static async Task<MimeMessage> AppendAsync(string user, string subject, int htmlBytes, string? textAlternative = null, CancellationToken cancellationToken = default)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.Now };
        message.From.Add(new MailboxAddress("Reports", "reports@example.org"));
        message.To.Add(MailboxAddress.Parse(user));
        message.Body = new BodyBuilder { HtmlBody = Html(htmlBytes), TextBody = textAlternative }.ToMessageBody();
        using var client = await MailStack.ConnectAsync(user, cancellationToken);
        await client.Inbox.AppendAsync(new AppendRequest(message, MessageFlags.Seen), cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return message;
    }
}
