using System.ComponentModel.DataAnnotations;

namespace WebMail.Web.Mail;

/// <summary>Message lists. Bound from <c>WebMail:List</c>.</summary>
public sealed class ListOptions
{
    public const string SectionName = "WebMail:List";

    /// <summary>
    /// The tallest a list's scroll area is made, in CSS pixels. Browsers cap an element's height (Chromium at about
    /// 33.5 million pixels, Firefox at about 17.9 million); a folder whose rows need more is scrolled proportionally
    /// (the scrollbar's position maps to the row at that fraction of the folder). Lower values are for tests.
    /// </summary>
    [Range(10_000, 16_000_000, ErrorMessage = "WebMail:List:MaxScrollPixels must be between 10000 and 16000000 (browsers cap an element's height near 17.9 million pixels).")]
    public int MaxScrollPixels { get; set; } = 10_000_000;
}
