using System.Text;
using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;
using MimeKit.Utils;

namespace WebMail.Mail.Rendering;

/// <summary>Turns the bytes of a text part into a string whatever its charset claims.</summary>
internal static class TextDecoding
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    static TextDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes with the declared charset; an unknown or wrong charset falls back to UTF-8, then ISO-8859-1.</summary>
    public static string GetText(TextPart part)
    {
        using var stream = new MemoryStream();
        part.Content?.DecodeTo(stream);
        return ToUnicode(stream.GetBuffer().AsSpan(0, (int)stream.Length), part.ContentType.Charset);
    }

    /// <summary>Decodes raw part bytes (still transfer-encoded) into text.</summary>
    public static string Decode(Stream raw, string? transferEncoding, string? charset)
    {
        using var decoded = new MemoryStream();
        using (var filtered = new FilteredStream(decoded))
        {
            if (MimeUtils.TryParse(transferEncoding, out ContentEncoding encoding))
            {
                filtered.Add(DecoderFilter.Create(encoding));
            }

            raw.CopyTo(filtered);
            filtered.Flush();
        }

        return ToUnicode(decoded.GetBuffer().AsSpan(0, (int)decoded.Length), charset);
    }

    internal static string ToUnicode(ReadOnlySpan<byte> bytes, string? charset)
    {
        if (!string.IsNullOrWhiteSpace(charset) && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Encoding.GetEncoding(charset.Trim('"', ' ')).GetString(bytes);
            }
            catch (ArgumentException)
            {
                // Unknown charset name: fall through to detection.
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }
}
