using System.Text;

namespace WebMail.Mail.Rendering;

/// <summary>
/// Decodes UTF-7 (RFC 2152), which .NET no longer hands out through <see cref="Encoding.GetEncoding(string)"/>
/// and MimeKit leaves undecoded. Decoding only: nothing here ever writes UTF-7. The result is ordinary text,
/// escaped or sanitized downstream like any other body, so "+ADw-script+AD4-" becomes a harmless "&lt;script&gt;".
/// </summary>
internal static class Utf7
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "utf-7", "utf7", "unicode-1-1-utf-7", "unicode-2-0-utf-7", "x-unicode-1-1-utf-7", "x-unicode-2-0-utf-7", "csunicode11utf7",
    };

    public static bool IsUtf7(string charset) => Names.Contains(charset);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i++];
            if (b != '+')
            {
                text.Append(b < 0x80 ? (char)b : '\uFFFD');
                continue;
            }

            if (i < bytes.Length && bytes[i] == '-')
            {
                text.Append('+');
                i++;
                continue;
            }

            // A shifted run: modified base64 of UTF-16 code units, ended by the first other byte ('-' is absorbed).
            int bits = 0, bitCount = 0;
            while (i < bytes.Length && Base64Value(bytes[i]) is var value and >= 0)
            {
                bits = (bits << 6) | value;
                bitCount += 6;
                i++;
                if (bitCount >= 16)
                {
                    bitCount -= 16;
                    text.Append((char)((bits >> bitCount) & 0xFFFF));
                }
            }

            if (i < bytes.Length && bytes[i] == '-')
            {
                i++;
            }
        }

        return ReplaceLoneSurrogates(text);
    }

    private static int Base64Value(byte b) => b switch
    {
        >= (byte)'A' and <= (byte)'Z' => b - 'A',
        >= (byte)'a' and <= (byte)'z' => b - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => b - '0' + 52,
        (byte)'+' => 62,
        (byte)'/' => 63,
        _ => -1,
    };

    /// <summary>A broken sender can shift out half a surrogate pair; such halves cannot be shown or sent as UTF-8.</summary>
    private static string ReplaceLoneSurrogates(StringBuilder text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                text[i] = '\uFFFD';
            }
        }

        return text.ToString();
    }
}
