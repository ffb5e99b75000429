using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WebMail.Web.Data;

namespace WebMail.Web.RemoteContent;

/// <summary>A sender whose remote content one user always wants shown ("Always show from this sender").</summary>
public sealed class RemoteContentSenderRecord
{
    public long Id { get; set; }

    /// <summary>Whose choice this is.</summary>
    public string UserName { get; set; } = "";

    /// <summary>The sender's address, lower-cased.</summary>
    public string Address { get; set; } = "";

    public DateTime CreatedUtc { get; set; }
}

/// <summary>Table "RemoteContentSenders": one row per user and sender.</summary>
internal sealed class RemoteContentSenderConfiguration : IEntityTypeConfiguration<RemoteContentSenderRecord>
{
    public void Configure(EntityTypeBuilder<RemoteContentSenderRecord> builder)
    {
        builder.ToTable("RemoteContentSenders");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.UserName).HasMaxLength(320).IsRequired();
        builder.Property(s => s.Address).HasMaxLength(320).IsRequired();
        builder.HasIndex(s => new { s.UserName, s.Address }).IsUnique();
    }
}

/// <summary>The senders each user trusts with remote content, in the settings database.</summary>
public sealed class RemoteContentSenders(IDbContextFactory<WebMailDbContext> databases, TimeProvider time)
{
    /// <summary>Whether <paramref name="userName"/> chose to always show remote content from <paramref name="address"/>.</summary>
    public async Task<bool> IsTrustedAsync(string userName, string? address, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var key = Normalize(address);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.RemoteContentSenders.AnyAsync(s => s.UserName == userName && s.Address == key, cancellationToken);
    }

    /// <summary>Remembers the choice; choosing it twice keeps one row.</summary>
    public async Task TrustAsync(string userName, string address, CancellationToken cancellationToken = default)
    {
        var key = Normalize(address);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await db.RemoteContentSenders.AnyAsync(s => s.UserName == userName && s.Address == key, cancellationToken))
        {
            return;
        }

        db.RemoteContentSenders.Add(new RemoteContentSenderRecord { UserName = userName, Address = key, CreatedUtc = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index refused it: another tab stored the same choice a moment earlier.
            if (!await IsTrustedAsync(userName, key, cancellationToken))
            {
                throw;
            }
        }
    }

    /// <summary>The senders (addresses or domains, as stored) <paramref name="userName"/> trusts, in alphabetical order.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.RemoteContentSenders.AsNoTracking().Where(s => s.UserName == userName).Select(s => s.Address).OrderBy(a => a).ToListAsync(cancellationToken);
    }

    /// <summary>Forgets the choice (messages from the sender are blocked again until shown).</summary>
    public async Task ForgetAsync(string userName, string address, CancellationToken cancellationToken = default)
    {
        var key = Normalize(address);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.RemoteContentSenders.Where(s => s.UserName == userName && s.Address == key).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Normalize(string address) => address.Trim().ToLowerInvariant();
}
