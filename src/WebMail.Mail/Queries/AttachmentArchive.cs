using System.IO.Compression;
using WebMail.Mail.Model;

namespace WebMail.Mail.Queries;

/// <summary>
/// All attachments of a message as one .zip, written as they stream from IMAP: each part goes chunk by chunk into its
/// entry, the archive is written forward only (data descriptors, no seeking), so a response body can take it and no
/// attachment is ever held whole in memory.
/// </summary>
public static class AttachmentArchive
{
    /// <summary>Types whose content is compressed already: stored as they are (deflating them again costs CPU for nothing).</summary>
    private static readonly HashSet<string> CompressedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/zip", "application/x-zip-compressed", "application/gzip", "application/x-gzip", "application/x-7z-compressed",
        "application/x-rar-compressed", "application/vnd.rar", "application/x-bzip2", "application/x-xz", "application/zstd",
        "application/pdf", "application/epub+zip", "application/java-archive", "application/vnd.android.package-archive",
    };

    private static readonly HashSet<string> CompressedExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".gz", ".tgz", ".7z", ".rar", ".bz2", ".xz", ".zst", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".heic",
        ".mp3", ".mp4", ".m4a", ".m4v", ".mov", ".mkv", ".webm", ".ogg", ".opus", ".pdf", ".docx", ".xlsx", ".pptx", ".odt",
        ".ods", ".odp", ".epub", ".jar", ".apk",
    };

    /// <summary>
    /// Writes every part of <paramref name="parts"/> of message <paramref name="id"/> into a zip archive on
    /// <paramref name="destination"/> (which need not seek); names are made unique ("a.pdf", "a (2).pdf").
    /// </summary>
    public static async Task WriteAsync(MessageQueries messages, MessageRef id, IReadOnlyList<PartInfo> parts, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(parts);
        // ZipArchive still writes an entry's data descriptor synchronously when the entry's stream closes: those few
        // bytes wait in the adapter and go out with the next asynchronous write, so a response body never sees a
        // synchronous write.
        using var output = new PendingWriteStream(destination);
        var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken).ConfigureAwait(false);
        await using (zip.ConfigureAwait(false))
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var part in parts)
            {
                var entry = zip.CreateEntry(UniqueName(part.FileName, names), LevelFor(part));
                var content = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (content.ConfigureAwait(false))
                {
                    await messages.CopyPartToAsync(id, part, content, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How a part is stored: as it is when its type or extension says it is compressed already, else deflated fast.</summary>
    public static CompressionLevel LevelFor(PartInfo part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var type = part.ContentType;
        var compressed = CompressedTypes.Contains(type)
            || type.StartsWith("image/", StringComparison.OrdinalIgnoreCase) && !type.Equals("image/bmp", StringComparison.OrdinalIgnoreCase) && !type.Equals("image/svg+xml", StringComparison.OrdinalIgnoreCase) && !type.Equals("image/tiff", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("video/", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) && !type.Contains("wav", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/vnd.openxmlformats-officedocument.", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/vnd.oasis.opendocument.", StringComparison.OrdinalIgnoreCase)
            || CompressedExtensions.Contains(Path.GetExtension(part.FileName));
        return compressed ? CompressionLevel.NoCompression : CompressionLevel.Fastest;
    }

    /// <summary>The (already safe) file name, or "name (2).ext", "name (3).ext"… when an earlier entry has it.</summary>
    public static string UniqueName(string fileName, ISet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(taken);
        var name = fileName;
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var extension = Path.GetExtension(fileName);
        for (var n = 2; !taken.Add(name); n++)
        {
            name = $"{stem} ({n}){extension}";
        }

        return name;
    }
}
