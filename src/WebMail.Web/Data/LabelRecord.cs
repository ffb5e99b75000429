using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebMail.Web.Data;

/// <summary>
/// One user's label: an IMAP keyword with the name and colour it is shown with. Thunderbird's <c>$label1…5</c> need no
/// row; a row for one of them is the user's rename, recolour or (with <see cref="Deleted"/>) removal of it.
/// </summary>
public sealed class LabelRecord
{
    public string UserName { get; set; } = "";

    /// <summary>The IMAP keyword messages carry (atom-safe ASCII).</summary>
    public string Keyword { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>"#rrggbb", lower case.</summary>
    public string Colour { get; set; } = "";

    /// <summary>Where the label stands in lists (Thunderbird's five are 1–5; new labels come after).</summary>
    public int Order { get; set; }

    /// <summary>True only for a Thunderbird label the user deleted, so its default does not come back.</summary>
    public bool Deleted { get; set; }
}

internal sealed class LabelConfiguration : IEntityTypeConfiguration<LabelRecord>
{
    public void Configure(EntityTypeBuilder<LabelRecord> e)
    {
        e.ToTable("Labels");
        e.HasKey(l => new { l.UserName, l.Keyword });
        e.Property(l => l.UserName).HasMaxLength(320);
        e.Property(l => l.Keyword).HasMaxLength(LabelRules.KeywordMaxLength);
        e.Property(l => l.Name).HasMaxLength(LabelRules.NameMaxLength).IsRequired();
        e.Property(l => l.Colour).HasMaxLength(7).IsRequired();
    }
}

/// <summary>What to do once the open message was moved, deleted, archived or marked as spam.</summary>
public enum AfterMoveAction
{
    /// <summary>Open the next (older) message.</summary>
    Next,

    /// <summary>Open the previous (newer) message.</summary>
    Previous,

    /// <summary>Go back to the list.</summary>
    List,
}

/// <summary>How one user organizes mail; a user without a row has the defaults.</summary>
public sealed record OrganizeSettings
{
    public static readonly OrganizeSettings Default = new();

    /// <summary>Gmail-style single-key shortcuts (j, k, e, #, …) are on.</summary>
    public bool KeyboardShortcuts { get; init; } = true;

    public AfterMoveAction AfterMove { get; init; } = AfterMoveAction.Next;

    /// <summary>Archive into one folder per year (Archive/2026) instead of one Archive folder.</summary>
    public bool ArchivePerYear { get; init; }

    /// <summary>Never show the "sender asked for a read receipt" bar (no receipt is ever sent then).</summary>
    public bool NeverAskReadReceipts { get; init; }

    /// <summary>Light, dark, or whatever the device says (<c>prefers-color-scheme</c>).</summary>
    public ThemeChoice Theme { get; init; } = ThemeChoice.System;

    /// <summary>A culture name such as <c>de-DE</c> or <c>fr</c>; empty: the browser's <c>Accept-Language</c>.</summary>
    public string Language { get; init; } = "";

    /// <summary>An IANA time zone id such as <c>Europe/Berlin</c>; empty: the browser's own zone.</summary>
    public string TimeZone { get; init; } = "";

    public ListDensity Density { get; init; } = ListDensity.Comfortable;

    /// <summary>Where an opened message shows on a wide screen.</summary>
    public ReadingPaneLayout ReadingPane { get; init; } = ReadingPaneLayout.Right;

    public MarkAsReadMode MarkAsRead { get; init; } = MarkAsReadMode.AtOnce;

    /// <summary>Seconds a message must stay open before it is marked read, with <see cref="MarkAsReadMode.AfterDelay"/>.</summary>
    public int MarkAsReadDelaySeconds { get; init; } = 3;

    /// <summary>The format a new message starts in (plain text unless the user chose rich text).</summary>
    public ComposeFormat ComposeFormat { get; init; } = ComposeFormat.PlainText;

    /// <summary>Where the cursor (and the reply) goes in a reply: above or below the quoted message.</summary>
    public ReplyPosition ReplyPosition { get; init; } = ReplyPosition.AboveQuote;

    /// <summary>Where the signature goes in a reply.</summary>
    public SignaturePlacement SignaturePlacement { get; init; } = SignaturePlacement.BelowReply;

    /// <summary>Show a desktop notification for new mail in the Inbox (the browser asks for permission once).</summary>
    public bool DesktopNotifications { get; init; }
}

public enum ThemeChoice
{
    System,
    Light,
    Dark,
}

public enum ListDensity
{
    Comfortable,
    Compact,
}

public enum ReadingPaneLayout
{
    /// <summary>List on the left, message on the right.</summary>
    Right,

    /// <summary>List above, message below.</summary>
    Bottom,

    /// <summary>No pane: a message opens in place of the list.</summary>
    Off,
}

public enum MarkAsReadMode
{
    AtOnce,
    AfterDelay,
    Never,
}

public enum ComposeFormat
{
    Html,
    PlainText,
}

public enum ReplyPosition
{
    AboveQuote,
    BelowQuote,
}

public enum SignaturePlacement
{
    /// <summary>Right below the reply, above the quoted message.</summary>
    BelowReply,

    /// <summary>At the very end, below the quoted message.</summary>
    BelowQuote,
}

/// <summary>The stored form of <see cref="OrganizeSettings"/>.</summary>
public sealed class OrganizeSettingsRecord
{
    public string UserName { get; set; } = "";

    public bool KeyboardShortcuts { get; set; } = true;

    public AfterMoveAction AfterMove { get; set; }

    public bool ArchivePerYear { get; set; }

    public bool NeverAskReadReceipts { get; set; }

    public ThemeChoice Theme { get; set; }

    public string Language { get; set; } = "";

    public string TimeZone { get; set; } = "";

    public ListDensity Density { get; set; }

    public ReadingPaneLayout ReadingPane { get; set; }

    public MarkAsReadMode MarkAsRead { get; set; }

    public int MarkAsReadDelaySeconds { get; set; } = 3;

    public ComposeFormat ComposeFormat { get; set; } = ComposeFormat.PlainText;

    public ReplyPosition ReplyPosition { get; set; }

    public SignaturePlacement SignaturePlacement { get; set; }

    public bool DesktopNotifications { get; set; }
}

internal sealed class OrganizeSettingsConfiguration : IEntityTypeConfiguration<OrganizeSettingsRecord>
{
    public void Configure(EntityTypeBuilder<OrganizeSettingsRecord> e)
    {
        e.ToTable("OrganizeSettings");
        e.HasKey(s => s.UserName);
        e.Property(s => s.UserName).HasMaxLength(320);
        e.Property(s => s.AfterMove).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.Theme).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.Language).HasMaxLength(35);
        e.Property(s => s.TimeZone).HasMaxLength(64);
        e.Property(s => s.Density).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.ReadingPane).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.MarkAsRead).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.ComposeFormat).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.ReplyPosition).HasConversion<string>().HasMaxLength(16);
        e.Property(s => s.SignaturePlacement).HasConversion<string>().HasMaxLength(16);
    }
}
