using MailKit;
using MimeKit;
using WebMail.Mail.Configuration;
using WebMail.Mail.Model;

namespace WebMail.Mail.Rendering;

/// <summary>
/// Fetches and decodes the one part of a message that is shown, bounded by the display limits: text parts
/// beyond <see cref="MailSessionOptions.MaxDisplayedBodyBytes"/> are cut, and an HTML part beyond
/// <see cref="MailSessionOptions.MaxSanitizedHtmlBytes"/> is never fetched whole (its plain-text alternative,
/// or the text of its beginning, is read instead).
/// </summary>
internal static class MessageBodyReader
{
    public static async Task<MessageBody> ReadAsync(IMailFolder folder, IMessageSummary summary, BodyLayout layout, MailSessionOptions options, CancellationToken ct)
    {
        var uid = summary.UniqueId;
        var part = layout.HtmlPart ?? layout.TextPart;
        if (part is null or { Octets: 0 } && summary.Body is BodyPartMultipart && layout.Attachments.Count == 0)
        {
            // A multipart whose boundary never appears parses as one empty part: show the raw body as text
            // rather than nothing, so the reader still sees what the sender wrote.
            using var rawBody = await folder.GetStreamAsync(uid, "TEXT", 0, options.MaxDisplayedBodyBytes, ct).ConfigureAwait(false);
            var raw = TextDecoding.Decode(rawBody, null, null);
            return new MessageBody(null, raw.Text, layout.InlineParts, rawBody.Length >= options.MaxDisplayedBodyBytes) { CharsetNotice = raw.CharsetNotice };
        }

        if (part is null)
        {
            return MessageBody.Empty with { InlineParts = layout.InlineParts };
        }

        if (layout.HtmlPart is { } html && BodyStructureReader.DecodedSize(html) > options.MaxSanitizedHtmlBytes)
        {
            return await ReadLargeHtmlAsync(folder, uid, html, layout, options.MaxDisplayedBodyBytes, ct).ConfigureAwait(false);
        }

        var (text, truncated) = await ReadTextAsync(folder, uid, part, options.MaxDisplayedBodyBytes, ct).ConfigureAwait(false);
        var body = layout.HtmlPart is not null
            ? new MessageBody(text.Text, null, layout.InlineParts, truncated)
            : new MessageBody(null, text.Text, layout.InlineParts, truncated);
        return body with { CharsetNotice = text.CharsetNotice };
    }

    /// <summary>The sender's plain-text alternative if there is one, else the text of the HTML's first <paramref name="maxBytes"/>.</summary>
    private static async Task<MessageBody> ReadLargeHtmlAsync(IMailFolder folder, UniqueId uid, BodyPartText html, BodyLayout layout, int maxBytes, CancellationToken ct)
    {
        var size = BodyStructureReader.DecodedSize(html);
        if (layout.TextPart is { } alternative)
        {
            var (text, truncated) = await ReadTextAsync(folder, uid, alternative, maxBytes, ct).ConfigureAwait(false);
            return new MessageBody(null, text.Text, layout.InlineParts, false)
            {
                CharsetNotice = text.CharsetNotice,
                LargeHtml = new LargeHtmlPart(BodyStructureReader.Section(html), size, TextFromAlternative: true, truncated),
            };
        }

        using var raw = await folder.GetStreamAsync(uid, BodyStructureReader.Section(html), 0, maxBytes, ct).ConfigureAwait(false);
        var decoded = TextDecoding.Decode(raw, html.ContentTransferEncoding, html.ContentType.Charset);
        return new MessageBody(null, HtmlTextExtractor.Extract(decoded.Text), layout.InlineParts, false)
        {
            CharsetNotice = decoded.CharsetNotice,
            LargeHtml = new LargeHtmlPart(BodyStructureReader.Section(html), size, TextFromAlternative: false, html.Octets > (uint)maxBytes),
        };
    }

    private static async Task<(DecodedText Text, bool Truncated)> ReadTextAsync(IMailFolder folder, UniqueId uid, BodyPartBasic part, int maxBytes, CancellationToken ct)
    {
        if (part.Octets <= (uint)maxBytes)
        {
            var entity = await folder.GetBodyPartAsync(uid, part, ct).ConfigureAwait(false);
            return (entity is TextPart tp ? TextDecoding.GetText(tp) : new DecodedText("", null), false);
        }

        // Only the first maxBytes of an oversized text part are fetched and decoded.
        using var raw = await folder.GetStreamAsync(uid, BodyStructureReader.Section(part), 0, maxBytes, ct).ConfigureAwait(false);
        return (TextDecoding.Decode(raw, part.ContentTransferEncoding, part.ContentType.Charset), true);
    }
}
