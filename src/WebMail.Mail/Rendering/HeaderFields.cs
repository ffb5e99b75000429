using MimeKit;
using WebMail.Mail.Model;

namespace WebMail.Mail.Rendering;

/// <summary>A message's header fields as text to show ("All headers"): every field, in the server's order.</summary>
public static class HeaderFields
{
    /// <summary>Each field's name and value, unfolded and RFC 2047-decoded (UTF-7 words too); plain text, never markup.</summary>
    public static IReadOnlyList<HeaderField> ForDisplay(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return [.. headers.Select(h => new HeaderField(h.Field, Clean(EncodedWords.DecodeUtf7Aware(h.RawValue) ?? h.Value)))];
    }

    /// <summary>Unfolded and without control characters (a raw CR or NUL in a value shows as a space).</summary>
    private static string Clean(string? value) =>
        string.Create(value?.Length ?? 0, value ?? "", static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = char.IsControl(text[i]) ? ' ' : text[i];
            }
        }).Trim();
}
