using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace WebMail.Mail.Rendering;

/// <summary>
/// RFC 2047 encoded-words in UTF-7, which MimeKit cannot decode (it leaves "Gr+APwA3w-e" where "Grüße" was meant).
/// Only a header that declares UTF-7 is decoded here, word by word; every other word still goes through MimeKit.
/// </summary>
internal static partial class EncodedWords
{
    /// <summary>The decoded value when <paramref name="raw"/> holds a UTF-7 encoded-word; null otherwise (use MimeKit's).</summary>
    public static string? DecodeUtf7Aware(byte[]? raw)
    {
        if (raw is null || raw.Length == 0)
        {
            return null;
        }

        var value = Encoding.Latin1.GetString(raw);
        var words = Word().Matches(value);
        if (!words.Any(w => Utf7.IsUtf7(w.Groups["charset"].Value)))
        {
            return null;
        }

        var text = new StringBuilder(value.Length);
        var position = 0;
        foreach (Match word in words)
        {
            var between = value[position..word.Index];
            // White space between two encoded-words is not part of the text (RFC 2047 section 6.2).
            if (position == 0 || !string.IsNullOrWhiteSpace(between))
            {
                text.Append(Plain(between));
            }

            text.Append(Decode(word));
            position = word.Index + word.Length;
        }

        text.Append(Plain(value[position..]));
        return text.ToString().Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
    }

    private static string Decode(Match word)
    {
        var payload = word.Groups["text"].Value;
        if (!Utf7.IsUtf7(word.Groups["charset"].Value))
        {
            return Rfc2047.DecodeText(Encoding.ASCII.GetBytes(word.Value));
        }

        byte[] bytes;
        if (word.Groups["encoding"].Value is "B" or "b")
        {
            var padded = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            var buffer = new byte[padded.Length];
            bytes = Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : Encoding.ASCII.GetBytes(payload);
        }
        else
        {
            bytes = QuotedPrintable(payload);
        }

        return Utf7.Decode(bytes);
    }

    private static byte[] QuotedPrintable(string payload)
    {
        var bytes = new List<byte>(payload.Length);
        for (var i = 0; i < payload.Length; i++)
        {
            if (payload[i] == '_')
            {
                bytes.Add((byte)' ');
            }
            else if (payload[i] == '=' && i + 2 < payload.Length && byte.TryParse(payload.AsSpan(i + 1, 2), System.Globalization.NumberStyles.HexNumber, null, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.Add((byte)payload[i]);
            }
        }

        return [.. bytes];
    }

    private static string Plain(string text) => text.Length == 0 ? "" : Rfc2047.DecodeText(Encoding.Latin1.GetBytes(text));

    [GeneratedRegex(@"=\?(?<charset>[^?*\s]+)(\*[^?\s]*)?\?(?<encoding>[BbQq])\?(?<text>[^?\s]*)\?=")]
    private static partial Regex Word();
}
