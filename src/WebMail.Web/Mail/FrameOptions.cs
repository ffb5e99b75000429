using System.ComponentModel.DataAnnotations;

namespace WebMail.Web.Mail;

/// <summary>The cache of sanitized message documents waiting for their frame. Bound from <c>WebMail:Frames</c>.</summary>
public sealed class FrameOptions : IValidatableObject
{
    public const string SectionName = "WebMail:Frames";

    /// <summary>Bytes of sanitized documents kept per user; the least recently shown are dropped first.</summary>
    [Range(1024 * 1024, 1024L * 1024 * 1024, ErrorMessage = "WebMail:Frames:MaxBytesPerUser must be between 1048576 (1 MB) and 1073741824 (1 GB).")]
    public long MaxBytesPerUser { get; set; } = 16L * 1024 * 1024;

    /// <summary>Bytes of sanitized documents kept for all users together.</summary>
    [Range(1024 * 1024, 64L * 1024 * 1024 * 1024, ErrorMessage = "WebMail:Frames:MaxTotalBytes must be between 1048576 (1 MB) and 68719476736 (64 GB).")]
    public long MaxTotalBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Minutes a document stays cached after it was last shown.</summary>
    [Range(1, 1440, ErrorMessage = "WebMail:Frames:ExpireAfterIdleMinutes must be between 1 and 1440.")]
    public int ExpireAfterIdleMinutes { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxBytesPerUser > MaxTotalBytes)
        {
            yield return new ValidationResult("WebMail:Frames:MaxBytesPerUser must not be larger than WebMail:Frames:MaxTotalBytes.", [nameof(MaxBytesPerUser)]);
        }
    }
}
