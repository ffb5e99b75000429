using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using WebMail.Testing;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Data;

/// <summary>
/// The old "write new messages in rich text" choice moves into the settings' compose format, so nobody's format changes
/// with the upgrade; run on SQLite and on PostgreSQL.
/// </summary>
public abstract class ComposeFormatMigrationTests(DatabaseProvider provider)
{
    [Fact]
    public async Task Upgrade_OldRichTextChoice_KeptAsComposeFormat()
    {
        await using var database = await SettingsDatabase.CreateAsync(provider, migrateTo: "UserPreferences");
        var (rich, richWithRow, plainWithRow, nobody) = (MailStack.NewUser("rich"), MailStack.NewUser("rich-row"), MailStack.NewUser("plain-row"), MailStack.NewUser("nobody"));
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Preferences.AddRange(
                new UserPreferences { UserName = rich, ComposeRichText = true },
                new UserPreferences { UserName = richWithRow, ComposeRichText = true },
                new UserPreferences { UserName = plainWithRow, ComposeRichText = false });
            await db.SaveChangesAsync();

            // Rows written before this migration: the previous one gave them "Html" whatever the user had chosen.
            foreach (var user in new[] { richWithRow, plainWithRow })
            {
                await db.Database.ExecuteSqlAsync($"""INSERT INTO "OrganizeSettings" ("UserName", "KeyboardShortcuts", "AfterMove", "ArchivePerYear", "NeverAskReadReceipts") VALUES ({user}, FALSE, 'List', TRUE, FALSE)""");
            }
        }

        await database.MigrateAsync();

        var store = new OrganizeSettingsStore(database.Factory, NullLogger<OrganizeSettingsStore>.Instance);
        Assert.Equal(OrganizeSettings.Default with { ComposeFormat = ComposeFormat.Html }, await store.GetOrganizeSettingsAsync(rich));
        Assert.Equal(new OrganizeSettings { ComposeFormat = ComposeFormat.Html, KeyboardShortcuts = false, AfterMove = AfterMoveAction.List, ArchivePerYear = true }, await store.GetOrganizeSettingsAsync(richWithRow));
        Assert.Equal(ComposeFormat.PlainText, (await store.GetOrganizeSettingsAsync(plainWithRow)).ComposeFormat);
        Assert.Equal(ComposeFormat.PlainText, (await store.GetOrganizeSettingsAsync(nobody)).ComposeFormat);
    }
}

public sealed class ComposeFormatMigrationSqliteTests() : ComposeFormatMigrationTests(DatabaseProvider.Sqlite);

public sealed class ComposeFormatMigrationPostgreSqlTests() : ComposeFormatMigrationTests(DatabaseProvider.PostgreSql);
