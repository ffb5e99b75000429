using Microsoft.EntityFrameworkCore;

namespace WebMail.Web.Data;

/// <summary>The user's identities (from address, display name, signature), in the settings database.</summary>
public sealed class IdentityStore(IDbContextFactory<WebMailDbContext> databases)
{
    /// <summary>
    /// The user's identities, default first. The account's own address is always among them: when the user
    /// stored none for it, it is added (not stored, <c>Id</c> 0), and it is the default when no other is.
    /// </summary>
    public async Task<IReadOnlyList<IdentityRecord>> ListAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var list = await db.Identities.AsNoTracking().Where(i => i.UserName == userName)
            .OrderByDescending(i => i.IsDefault).ThenBy(i => i.Id).ToListAsync(cancellationToken);
        if (!list.Any(i => string.Equals(i.Address, userName, StringComparison.OrdinalIgnoreCase)))
        {
            var own = new IdentityRecord { UserName = userName, Address = userName, IsDefault = !list.Any(i => i.IsDefault) };
            list.Insert(own.IsDefault ? 0 : list.Count, own);
        }

        return list;
    }

    /// <summary>Adds or updates one identity; making it the default clears the others' flag.</summary>
    public async Task SaveAsync(IdentityRecord identity, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (identity.IsDefault)
        {
            await db.Identities.Where(i => i.UserName == identity.UserName && i.Id != identity.Id)
                .ExecuteUpdateAsync(i => i.SetProperty(x => x.IsDefault, false), cancellationToken);
        }

        if (identity.Id == 0)
        {
            db.Identities.Add(identity);
        }
        else
        {
            db.Identities.Update(identity);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(string userName, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Identities.Where(i => i.UserName == userName && i.Id == id).ExecuteDeleteAsync(cancellationToken);
    }
}
