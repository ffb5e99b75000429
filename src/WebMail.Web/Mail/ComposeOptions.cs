using System.ComponentModel.DataAnnotations;

namespace WebMail.Web.Mail;

/// <summary>Writing mail. Bound from <c>WebMail:Compose</c>.</summary>
public sealed class ComposeOptions
{
    public const string SectionName = "WebMail:Compose";

    /// <summary>Largest attachment, in bytes.</summary>
    [Range(1, 1024L * 1024 * 1024, ErrorMessage = "WebMail:Compose:MaxAttachmentBytes must be between 1 and 1073741824.")]
    public long MaxAttachmentBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>Seconds a sent message waits, with an "Undo" button, before it leaves.</summary>
    [Range(0, 60, ErrorMessage = "WebMail:Compose:UndoSendSeconds must be between 0 and 60.")]
    public int UndoSendSeconds { get; set; } = 5;

    /// <summary>File a copy of every sent message in Sent. Turn off for servers that do it themselves (Gmail, Exchange Online).</summary>
    public bool SaveToSent { get; set; } = true;

    /// <summary>Milliseconds after the last change before the draft is saved to the Drafts folder.</summary>
    [Range(200, 5000, ErrorMessage = "WebMail:Compose:AutosaveDelayMilliseconds must be between 200 and 5000 (drafts must never lose more than 5 s of typing).")]
    public int AutosaveDelayMilliseconds { get; set; } = 2000;

    /// <summary>Milliseconds after the last keystroke before the browser sends its edits to the server (as bounded diffs, never the whole body).</summary>
    [Range(50, 2000, ErrorMessage = "WebMail:Compose:EditorSyncDelayMilliseconds must be between 50 and 2000.")]
    public int EditorSyncDelayMilliseconds { get; set; } = 300;

    /// <summary>Longest message body, in characters, the server keeps for one compose tab.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "WebMail:Compose:MaxBodyCharacters must be between 1024 and 67108864.")]
    public int MaxBodyCharacters { get; set; } = 8 * 1024 * 1024;

    /// <summary>At shutdown, how long the app waits for open compose tabs' unsaved drafts to reach Drafts (within the host's shutdown timeout).</summary>
    [Range(1, 120, ErrorMessage = "WebMail:Compose:ShutdownSaveSeconds must be between 1 and 120.")]
    public int ShutdownSaveSeconds { get; set; } = 15;

    /// <summary>Seconds the server keeps a closed tab's copy of a draft, so a late beacon from that tab still lands in it.</summary>
    [Range(1, 600, ErrorMessage = "WebMail:Compose:ClosedTabGraceSeconds must be between 1 and 600.")]
    public int ClosedTabGraceSeconds { get; set; } = 30;
}
