using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace WebMail.Web.Mail;

/// <summary>What the compose module (wwwroot/js/compose.js) is started with; the only time the server sets the editor's content.</summary>
/// <param name="Id">The compose session id (the draft's X-WebMail-Compose-Id).</param>
/// <param name="Instance">This tab's copy on the server; a beacon from another tab's copy is not applied to it.</param>
/// <param name="Rich">Rich text (a contenteditable) or plain (a textarea).</param>
/// <param name="Text">The plain text the server holds.</param>
/// <param name="Html">The HTML the server holds (rich text only).</param>
/// <param name="Revision">The server copy's revision: the browser's next edit applies to it.</param>
/// <param name="Restore">Look for a newer copy kept in this browser (first start of the page only).</param>
/// <param name="SavedAt">When the draft was saved (ms since 1970), so an older browser copy is not restored over it.</param>
/// <param name="Caret">Where the caret goes in the text when the editor starts (a reply: above or below the quote), or null to leave the focus alone.</param>
public sealed record ComposerInit(
    string Id, string Instance, bool Rich, string Text, string Html, long Revision, bool Restore, long? SavedAt,
    int SyncDelay, string BeaconUrl, string TokenName, string Token, int? Caret = null);

/// <summary>The browser's answer to a flush: what the server should now hold, to be compared with what it does hold.</summary>
/// <param name="Problem">Why the browser could not send everything (e.g. "too-large"), or null.</param>
public sealed record ComposerFlush(long Revision, long Version, int TextLength, string TextHash, int HtmlLength, string HtmlHash, string? Problem);

/// <summary>A copy of the message this browser kept (localStorage) that is newer than the saved draft and was put back in the editor.</summary>
/// <param name="At">When the browser wrote it (ms since 1970, browser clock).</param>
public sealed record ComposerRestore(long At, string? From, string? To, string? Cc, string? Bcc, string? Subject);

/// <summary>
/// A compose tab's last words (navigator.sendBeacon when the page goes away or the connection drops): the
/// fields, the body as a change against what the server acknowledged, and the whole body when small.
/// </summary>
public sealed class ComposeBeacon
{
    public Guid Id { get; set; }

    public string? Instance { get; set; }

    public long BaseRevision { get; set; }

    public long Version { get; set; }

    public bool Rich { get; set; }

    public string? From { get; set; }

    public string? To { get; set; }

    public string? Cc { get; set; }

    public string? Bcc { get; set; }

    public string? Subject { get; set; }

    public int TextStart { get; set; }

    public int TextRemoved { get; set; }

    public string? TextInsert { get; set; }

    public int HtmlStart { get; set; }

    public int HtmlRemoved { get; set; }

    public string? HtmlInsert { get; set; }

    /// <summary>True when <see cref="FullText"/> and <see cref="FullHtml"/> carry the whole body.</summary>
    public bool HasFull { get; set; }

    public string? FullText { get; set; }

    public string? FullHtml { get; set; }
}

/// <summary>The fingerprint both sides compute of a body: SHA-256 of its UTF-16 code units, little-endian (what JS strings are made of).</summary>
public static class ComposeHash
{
    public static string Of(string text)
    {
        if (BitConverter.IsLittleEndian)
        {
            return Convert.ToHexStringLower(SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan())));
        }

        var bytes = new byte[text.Length * 2];
        for (var i = 0; i < text.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), text[i]);
        }

        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
