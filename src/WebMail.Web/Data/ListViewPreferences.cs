using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WebMail.Web.Data;

/// <summary>How one user wants the message list shown, kept in the settings database so it follows them to any browser.</summary>
public sealed class ListViewPreferenceRecord
{
    public string UserName { get; set; } = "";

    /// <summary>Show folders as conversations (messages grouped by thread) instead of single messages.</summary>
    public bool Conversations { get; set; }
}

internal sealed class ListViewPreferenceConfiguration : IEntityTypeConfiguration<ListViewPreferenceRecord>
{
    public void Configure(EntityTypeBuilder<ListViewPreferenceRecord> e)
    {
        e.ToTable("ListViewPreferences");
        e.HasKey(p => p.UserName);
        e.Property(p => p.UserName).HasMaxLength(320);
    }
}

/// <summary>
/// Reads and writes the user's list view preferences (Conversations / Messages): the one place the conversation view
/// default lives (the mail page's toggle and the settings page both write it). Writes raise <see cref="Changed"/> so
/// every open tab of that user (in this process) reads it again.
/// </summary>
public sealed class ListViewPreferenceStore(IDbContextFactory<WebMailDbContext> databases)
{
    /// <summary>Raised with the user's name after their list view changed.</summary>
    public event Action<string>? Changed;

    /// <summary>True when the user chose conversations; false (messages) when they never chose.</summary>
    public async Task<bool> ConversationsAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.ListViewPreferences.AsNoTracking().Where(p => p.UserName == userName).Select(p => p.Conversations).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task SetConversationsAsync(string userName, bool conversations, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var updated = await db.ListViewPreferences.Where(p => p.UserName == userName)
            .ExecuteUpdateAsync(p => p.SetProperty(x => x.Conversations, conversations), cancellationToken);
        if (updated == 0)
        {
            db.ListViewPreferences.Add(new ListViewPreferenceRecord { UserName = userName, Conversations = conversations });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another tab added the row at the same moment: write over it.
                db.ChangeTracker.Clear();
                await db.ListViewPreferences.Where(p => p.UserName == userName)
                    .ExecuteUpdateAsync(p => p.SetProperty(x => x.Conversations, conversations), cancellationToken);
            }
        }

        Changed?.Invoke(userName);
    }
}
