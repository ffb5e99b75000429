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
}

/// <summary>The stored form of <see cref="OrganizeSettings"/>.</summary>
public sealed class OrganizeSettingsRecord
{
    public string UserName { get; set; } = "";

    public bool KeyboardShortcuts { get; set; } = true;

    public AfterMoveAction AfterMove { get; set; }

    public bool ArchivePerYear { get; set; }

    public bool NeverAskReadReceipts { get; set; }
}

internal sealed class OrganizeSettingsConfiguration : IEntityTypeConfiguration<OrganizeSettingsRecord>
{
    public void Configure(EntityTypeBuilder<OrganizeSettingsRecord> e)
    {
        e.ToTable("OrganizeSettings");
        e.HasKey(s => s.UserName);
        e.Property(s => s.UserName).HasMaxLength(320);
        e.Property(s => s.AfterMove).HasConversion<string>().HasMaxLength(16);
    }
}
