using System.Text;
using MimeKit;
using MimeKit.IO;
using MimeKit.IO.Filters;
using MimeKit.Utils;

namespace WebMail.Mail.Rendering;

/// <summary>Text of a part, and a sentence for the reader when its declared character set could not be honoured.</summary>
internal readonly record struct DecodedText(string Text, string? CharsetNotice);

/// <summary>Turns the bytes of a text part into a string whatever its charset claims; never throws for a charset.</summary>
internal static class TextDecoding
{
    private const int MaxCharsetNameShown = 40;
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    static TextDecoding() => MailEncodings.Register();

    /// <summary>Decodes a parsed part with its declared charset (see <see cref="ToUnicode"/>).</summary>
    public static DecodedText GetText(TextPart part)
    {
        using var stream = new MemoryStream();
        part.Content?.DecodeTo(stream);
        return ToUnicode(stream.GetBuffer().AsSpan(0, (int)stream.Length), part.ContentType.Charset);
    }

    /// <summary>Decodes raw part bytes (still transfer-encoded) into text.</summary>
    public static DecodedText Decode(Stream raw, string? transferEncoding, string? charset)
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

    /// <summary>
    /// The declared charset when .NET knows it (code pages included) and UTF-7 by our own decoder. Anything else —
    /// an unknown or malformed name — falls back to UTF-8 when the bytes are valid UTF-8, else to Latin-1, with a
    /// notice. Without a declared charset, ASCII and UTF-8 pass silently; other bytes are shown as Latin-1 with a notice.
    /// </summary>
    internal static DecodedText ToUnicode(ReadOnlySpan<byte> bytes, string? charset)
    {
        var name = Normalize(charset);
        if (name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase) || name.Equals("ascii", StringComparison.OrdinalIgnoreCase))
        {
            // Declared ASCII with 8-bit bytes is common and almost always UTF-8 or Latin-1: guess rather than drop them.
            name = "";
        }

        if (name.Length > 0)
        {
            if (Utf7.IsUtf7(name))
            {
                return new DecodedText(Utf7.Decode(bytes), null);
            }

            if (TryGetEncoding(name) is { } encoding)
            {
                return new DecodedText(encoding.GetString(bytes), null);
            }
        }

        var (text, shownAs) = Guess(bytes);
        if (name.Length > 0)
        {
            return new DecodedText(text, $"This message declares the character set “{Shown(name)}”, which WebMail cannot read; it is shown as {shownAs} and some characters may be wrong.");
        }

        return shownAs == "UTF-8"
            ? new DecodedText(text, null)
            : new DecodedText(text, $"This message does not say which character set it uses; it is shown as {shownAs} and some characters may be wrong.");
    }

    private static (string Text, string ShownAs) Guess(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return (StrictUtf8.GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.Latin1.GetString(bytes), "Latin-1 (ISO-8859-1)");
        }
    }

    private static Encoding? TryGetEncoding(string name)
    {
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Quotes, apostrophes and spaces around a name are common sender bugs; what remains is the name.</summary>
    private static string Normalize(string? charset) => charset?.Trim().Trim('"', '\'', ' ', '\t').Trim() ?? "";

    private static string Shown(string name)
    {
        var clean = Headers.Clean(name) ?? "";
        return clean.Length <= MaxCharsetNameShown ? clean : clean[..MaxCharsetNameShown] + "…";
    }
}
