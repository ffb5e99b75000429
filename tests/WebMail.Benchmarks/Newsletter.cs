using System.Globalization;
using System.Text;
using MimeKit;

namespace WebMail.Benchmarks;

/// <summary>
/// A retailer-style HTML newsletter of a chosen size, the same bytes on every run: nested layout tables,
/// inline styles on every cell, a style sheet with media queries, product blocks with remote images and
/// several tracked links each, a footer with unsubscribe links and a tracking pixel.
/// </summary>
internal static class Newsletter
{
    /// <summary>Text that appears in the frame once the newsletter is shown.</summary>
    public const string Masthead = "The Harbour Weekly";

    private static readonly string[] Words =
        ["autumn", "linen", "harbour", "sale", "weekend", "cotton", "lamp", "garden", "ceramic", "walnut", "wool", "travel",
         "kitchen", "copper", "market", "season", "coastal", "bright", "classic", "limited", "fresh", "favourite", "natural", "crafted"];

    /// <summary>A multipart/alternative message (short text part, quoted-printable HTML part of about <paramref name="htmlBytes"/>).</summary>
    public static MimeMessage Message(string subject, int htmlBytes) => Message(subject, Html(htmlBytes));

    /// <summary>A multipart/alternative message with a short text part and <paramref name="html"/> (quoted-printable).</summary>
    public static MimeMessage Message(string subject, string html)
    {
        var message = new MimeMessage { Subject = subject, Date = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("harbour.example") };
        message.From.Add(new MailboxAddress(Masthead, "news@harbour.example"));
        message.To.Add(new MailboxAddress("Reader", "reader@test.example"));
        var text = new TextPart("plain") { Text = $"{Masthead}: this week's offers. View it online: https://harbour.example/view" };
        message.Body = new MultipartAlternative { text, new TextPart("html") { Text = html, ContentTransferEncoding = ContentEncoding.QuotedPrintable } };
        return message;
    }

    /// <summary>The newsletter's HTML, grown by product blocks until it reaches <paramref name="bytes"/>.</summary>
    public static string Html(int bytes)
    {
        var random = new Random(8);
        var html = new StringBuilder(bytes + 4096);
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>").Append(Masthead).Append("</title><style type=\"text/css\">")
            .Append("body{margin:0;padding:0;background:#f2f0eb}table{border-collapse:collapse}img{border:0;outline:none;display:block}")
            .Append(".btn a{background:#c8102e;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:4px;display:inline-block}")
            .Append("@media only screen and (max-width:620px){.wrap{width:100%!important}.col{display:block!important;width:100%!important}}")
            .Append("</style></head><body style=\"margin:0;padding:0;background-color:#f2f0eb;\">")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background-color:#f2f0eb;\"><tr><td align=\"center\" style=\"padding:24px 8px;\">")
            .Append("<table class=\"wrap\" role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"width:600px;background-color:#ffffff;font-family:Georgia,'Times New Roman',serif;\">")
            .Append("<tr><td style=\"padding:20px 24px;border-bottom:4px solid #c8102e;\"><a href=\"https://harbour.example/?utm_source=newsletter&amp;utm_medium=email&amp;utm_campaign=weekly\">")
            .Append("<img src=\"https://cdn.harbour.example/brand/logo.png\" width=\"180\" height=\"48\" alt=\"Harbour\" style=\"display:block;border:0;\"></a>")
            .Append("<h1 style=\"margin:12px 0 0;font-size:28px;line-height:34px;color:#1d1d1b;font-weight:normal;\">").Append(Masthead).Append("</h1></td></tr>");
        const string Footer = "</table></td></tr></table></body></html>";
        for (var item = 1; html.Length + 2048 + Footer.Length < bytes; item++)
        {
            AppendProduct(html, random, item);
        }

        html.Append("<tr><td style=\"padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:11px;line-height:16px;color:#77736b;background-color:#f7f6f2;\">")
            .Append("You receive this mail because you subscribed at harbour.example. ")
            .Append("<a href=\"https://harbour.example/preferences?u=7f3a91\" style=\"color:#77736b;text-decoration:underline;\">Preferences</a> · ")
            .Append("<a href=\"https://harbour.example/unsubscribe?u=7f3a91\" style=\"color:#77736b;text-decoration:underline;\">Unsubscribe</a>")
            .Append("<img src=\"https://track.harbour.example/open.gif?u=7f3a91&amp;c=weekly\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;width:1px;height:1px;\"></td></tr>")
            .Append(Footer);
        return html.ToString();
    }

    private static void AppendProduct(StringBuilder html, Random random, int item)
    {
        var inv = CultureInfo.InvariantCulture;
        var name = $"{Word(random)} {Word(random)} {Word(random)}";
        var url = string.Format(inv, "https://harbour.example/p/{0}?utm_source=newsletter&amp;utm_medium=email&amp;utm_content=item{0}", item);
        var price = string.Format(inv, "{0}.{1:00}", random.Next(5, 400), random.Next(0, 100));
        html.Append("<tr><td style=\"padding:16px 24px;border-bottom:1px solid #e6e2da;\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>")
            .Append("<td class=\"col\" width=\"180\" valign=\"top\" style=\"width:180px;padding-right:16px;\"><a href=\"").Append(url).Append("\" target=\"_blank\">")
            .Append(inv, $"<img src=\"https://cdn.harbour.example/img/{item}/400x400.jpg\" width=\"160\" height=\"160\" alt=\"{name}\" style=\"display:block;border:0;width:160px;height:160px;\"></a></td>")
            .Append("<td class=\"col\" valign=\"top\" style=\"font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:21px;color:#3b3a36;\">")
            .Append("<h2 style=\"margin:0 0 6px;font-family:Georgia,serif;font-size:19px;line-height:24px;color:#1d1d1b;font-weight:normal;\"><a href=\"").Append(url)
            .Append("\" style=\"color:#1d1d1b;text-decoration:none;\">").Append(name).Append("</a></h2><p style=\"margin:0 0 10px;\">");
        for (var w = 0; w < 24; w++)
        {
            html.Append(Word(random)).Append(' ');
        }

        html.Append("<span style=\"color:#c8102e;font-weight:bold;\">€").Append(price).Append("</span></p>")
            .Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr><td class=\"btn\" style=\"border-radius:4px;background-color:#c8102e;\">")
            .Append("<a href=\"").Append(url).Append("&amp;cta=shop\" style=\"background-color:#c8102e;color:#ffffff;font-size:14px;text-decoration:none;padding:10px 18px;border-radius:4px;display:inline-block;\">Shop now</a></td>")
            .Append("<td style=\"padding-left:12px;font-size:12px;\"><a href=\"https://harbour.example/wishlist/add/").Append(item.ToString(inv))
            .Append("\" style=\"color:#77736b;\">Save for later</a></td></tr></table></td></tr></table></td></tr>");
    }

    private static string Word(Random random) => Words[random.Next(Words.Length)];
}
