using Microsoft.Extensions.Logging.Abstractions;
using WebMail.Testing;
using WebMail.Web.Data;

namespace WebMail.Web.Tests.Data;

/// <summary>The organize settings kept per user; run on SQLite and on PostgreSQL.</summary>
public abstract class OrganizeSettingsStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private SettingsDatabase _database = default!;

    private OrganizeSettingsStore Store { get; set; } = default!;

    public async Task InitializeAsync()
    {
        _database = await SettingsDatabase.CreateAsync(provider);
        Store = new OrganizeSettingsStore(_database.Factory, NullLogger<OrganizeSettingsStore>.Instance);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task SetOrganizeSettings_KeptPerUser_DefaultsForOthers()
    {
        var (ann, bob) = (MailStack.NewUser("ann"), MailStack.NewUser("bob"));
        var heard = new List<string>();
        Store.Changed += heard.Add;

        Assert.Equal(new OrganizeSettings { KeyboardShortcuts = true, AfterMove = AfterMoveAction.Next, ArchivePerYear = false }, await Store.GetOrganizeSettingsAsync(ann));
        var chosen = new OrganizeSettings { KeyboardShortcuts = false, AfterMove = AfterMoveAction.List, ArchivePerYear = true };
        await Store.SetOrganizeSettingsAsync(ann, chosen);
        Assert.Equal(chosen, await Store.GetOrganizeSettingsAsync(ann));
        Assert.Equal(OrganizeSettings.Default, await Store.GetOrganizeSettingsAsync(bob));

        await Store.SetOrganizeSettingsAsync(ann, chosen with { AfterMove = AfterMoveAction.Previous, KeyboardShortcuts = true });
        Assert.Equal(new OrganizeSettings { KeyboardShortcuts = true, AfterMove = AfterMoveAction.Previous, ArchivePerYear = true }, await Store.GetOrganizeSettingsAsync(ann));
        Assert.Equal([ann, ann], heard);
    }

    [Fact]
    public async Task SetOrganizeSettings_NeverAskReadReceipts_OffByDefaultKeptWhenChosen()
    {
        var ann = MailStack.NewUser("ann");
        Assert.False((await Store.GetOrganizeSettingsAsync(ann)).NeverAskReadReceipts);

        await Store.SetOrganizeSettingsAsync(ann, OrganizeSettings.Default with { NeverAskReadReceipts = true });
        Assert.True((await Store.GetOrganizeSettingsAsync(ann)).NeverAskReadReceipts);

        await Store.SetOrganizeSettingsAsync(ann, OrganizeSettings.Default with { NeverAskReadReceipts = true, ArchivePerYear = true });
        Assert.Equal(OrganizeSettings.Default with { NeverAskReadReceipts = true, ArchivePerYear = true }, await Store.GetOrganizeSettingsAsync(ann));
    }
}

public sealed class OrganizeSettingsStoreSqliteTests() : OrganizeSettingsStoreTests(DatabaseProvider.Sqlite);

public sealed class OrganizeSettingsStorePostgreSqlTests() : OrganizeSettingsStoreTests(DatabaseProvider.PostgreSql);
