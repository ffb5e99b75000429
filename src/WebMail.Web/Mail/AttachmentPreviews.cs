using WebMail.Mail.Model;

namespace WebMail.Web.Mail;

/// <summary>How an attachment can be previewed in the reader.</summary>
public enum PreviewKind
{
    /// <summary>Only downloaded: a type that could run script, or one we cannot show.</summary>
    None,

    /// <summary>A raster image (PNG, JPEG, GIF, WebP), served only when its bytes agree with its declared type.</summary>
    Image,

    /// <summary>A PDF, rendered by pdf.js in a sandboxed page.</summary>
    Pdf,

    /// <summary>Plain text, decoded with its charset and shown escaped.</summary>
    Text,
}

/// <summary>Which attachments get a preview, and the limits that keep a preview cheap.</summary>
public static class AttachmentPreviews
{
    /// <summary>Largest image shown as a thumbnail and full size (larger ones are downloaded).</summary>
    public const long MaxImageBytes = 20L * 1024 * 1024;

    /// <summary>Largest PDF opened in the viewer (it travels to the page whole).</summary>
    public const long MaxPdfBytes = 20L * 1024 * 1024;

    /// <summary>Text shown of a text attachment; the rest is left to the download, with a note.</summary>
    public const int MaxTextBytes = 256 * 1024;

    /// <summary>Image types previewed; each must also be what the bytes are (SVG never: it is a document, not pixels).</summary>
    private static readonly HashSet<string> ImageTypes = new(StringComparer.OrdinalIgnoreCase) { "image/png", "image/jpeg", "image/gif", "image/webp" };

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase) { ".txt", ".log", ".csv" };

    public static PreviewKind Of(AttachmentInfo attachment) => Of(attachment.ContentType, attachment.FileName, attachment.Size);

    public static PreviewKind Of(string contentType, string fileName, long size)
    {
        var type = contentType.ToLowerInvariant();
        if (ContentEndpoints.IsActiveType(type) || IsActiveName(fileName))
        {
            return PreviewKind.None;
        }

        if (ImageTypes.Contains(NormalizeImageType(type)))
        {
            return size <= MaxImageBytes ? PreviewKind.Image : PreviewKind.None;
        }

        if (type == "application/pdf" || (type == "application/octet-stream" && fileName.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)))
        {
            return size <= MaxPdfBytes ? PreviewKind.Pdf : PreviewKind.None;
        }

        var textByName = TextExtensions.Contains(Path.GetExtension(fileName)) && type is "application/octet-stream" or "text/csv" or "text/x-log";
        return type is "text/plain" or "text/csv" || textByName ? PreviewKind.Text : PreviewKind.None;
    }

    /// <summary>The one spelling of a declared image type that <see cref="RemoteContent.ImageSniffer"/> reports.</summary>
    public static string NormalizeImageType(string type) => type.ToLowerInvariant() switch
    {
        "image/jpg" or "image/pjpeg" => "image/jpeg",
        var other => other,
    };

    /// <summary>A name a browser or the desktop would open as a document or a program, whatever type the mail declares.</summary>
    private static bool IsActiveName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() is
        ".html" or ".htm" or ".xhtml" or ".shtml" or ".svg" or ".svgz" or ".xml" or ".xsl" or ".js" or ".mjs" or ".hta" or ".swf";
}
