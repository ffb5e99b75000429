namespace WebMail.Web.RemoteContent;

/// <summary>
/// Tells raster image formats by their first bytes. The proxy passes on only what is both declared and
/// found to be one of these: SVG is refused outright, because it is a document (scripts, links, external
/// references and CSS) rather than pixels, and no mail image needs it more than the risk it brings.
/// </summary>
public static class ImageSniffer
{
    /// <summary>Bytes needed to tell every format apart.</summary>
    public const int HeaderLength = 16;

    /// <summary>Declared types the proxy accepts (before sniffing).</summary>
    public static bool IsAcceptedDeclaredType(string? mediaType) => mediaType?.ToLowerInvariant() is
        "image/png" or "image/jpeg" or "image/jpg" or "image/pjpeg" or "image/gif" or "image/webp" or "image/bmp" or "image/avif"
        or "image/x-icon" or "image/vnd.microsoft.icon";

    /// <summary>The image type the bytes really are, or null when they are no raster image we pass on.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.StartsWith("BM"u8) && head.Length >= 14)
        {
            return "image/bmp";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8) && (head[8..12].SequenceEqual("avif"u8) || head[8..12].SequenceEqual("avis"u8)))
        {
            return "image/avif";
        }

        return head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0x00]) ? "image/x-icon" : null;
    }
}
