using WebMail.Web.Data;
using WebMail.Web.Tests.Data;

namespace WebMail.Web.Tests.Cluster;

/// <summary>
/// Two in-memory instances, "one" and "two", sharing a new PostgreSQL settings database (sign-ins, the Data Protection
/// key ring), as behind nginx. The database is migrated first, or left empty for the instances to create.
/// </summary>
public sealed class SharedDatabaseInstances : IAsyncDisposable
{
    private SharedDatabaseInstances(SettingsDatabase database)
    {
        Database = database;
        One = Instance("one");
        Two = Instance("two");
    }

    public SettingsDatabase Database { get; }

    public WebMailFactory One { get; }

    public WebMailFactory Two { get; }

    public static async Task<SharedDatabaseInstances> CreateAsync(bool migrated = true) =>
        new(await SettingsDatabase.CreateAsync(DatabaseProvider.PostgreSql, migrate: migrated));

    public async ValueTask DisposeAsync()
    {
        await One.DisposeAsync();
        await Two.DisposeAsync();
        await Database.DisposeAsync();
    }

    private WebMailFactory Instance(string name) => new WebMailFactory()
        .WithPostgreSql(Database.ConnectionString)
        .With("WebMail:Cluster:InstanceName", name);
}
