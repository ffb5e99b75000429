using Microsoft.EntityFrameworkCore.Migrations;

namespace WebMail.Web.Data;

/// <summary>
/// Moves the old "write new messages in rich text" choice (table Preferences, column ComposeRichText) into
/// <see cref="OrganizeSettings.ComposeFormat"/>, the one place the compose format now lives: rows added by the
/// UserPreferences migration took "Html", which would have switched plain-text writers to rich text. The SQL is the same
/// for SQLite and PostgreSQL.
/// </summary>
internal static class ComposeFormatMigration
{
    public static void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            UPDATE "OrganizeSettings" SET "ComposeFormat" = CASE
                WHEN EXISTS (SELECT 1 FROM "Preferences" p WHERE p."UserName" = "OrganizeSettings"."UserName" AND p."ComposeRichText") THEN 'Html'
                ELSE 'PlainText' END;
            """);
        migrationBuilder.Sql("""
            INSERT INTO "OrganizeSettings" ("UserName", "KeyboardShortcuts", "AfterMove", "ArchivePerYear", "NeverAskReadReceipts", "Theme", "Language",
                "TimeZone", "Density", "ReadingPane", "MarkAsRead", "MarkAsReadDelaySeconds", "ComposeFormat", "ReplyPosition", "SignaturePlacement", "DesktopNotifications")
            SELECT p."UserName", TRUE, 'Next', FALSE, FALSE, 'System', '', '', 'Comfortable', 'Right', 'AtOnce', 3, 'Html', 'AboveQuote', 'BelowReply', FALSE
            FROM "Preferences" p
            WHERE p."ComposeRichText" AND NOT EXISTS (SELECT 1 FROM "OrganizeSettings" o WHERE o."UserName" = p."UserName");
            """);
    }
}
