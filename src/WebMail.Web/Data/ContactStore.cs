using Microsoft.EntityFrameworkCore;
using WebMail.Mail.Model;

namespace WebMail.Web.Data;

/// <summary>
/// Addresses for autocomplete: collected from mail the user sent and read, plus the personal address book,
/// in the settings database, per user.
/// </summary>
public sealed class ContactStore(IDbContextFactory<WebMailDbContext> databases, TimeProvider time)
{
    /// <summary>Remembers addresses the user wrote to or read mail from (one more use each).</summary>
    public async Task CollectAsync(string userName, IEnumerable<MailAddress> addresses, CancellationToken cancellationToken = default)
    {
        var distinct = addresses
            .Where(a => a.Address.Contains('@', StringComparison.Ordinal) && a.Address.Length <= 320)
            .GroupBy(a => a.Address.ToLowerInvariant())
            .Select(g => (Address: g.Key, Name: g.Select(a => a.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))))
            .Where(a => !string.Equals(a.Address, userName, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (distinct.Count == 0)
        {
            return;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var keys = distinct.Select(d => d.Address).ToList();
        var known = await db.Contacts.Where(c => c.UserName == userName && keys.Contains(c.Address)).ToDictionaryAsync(c => c.Address, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (address, name) in distinct)
        {
            if (!known.TryGetValue(address, out var contact))
            {
                contact = new ContactRecord { UserName = userName, Address = address };
                db.Contacts.Add(contact);
            }

            contact.Name ??= name?.Length > 200 ? name[..200] : name;
            contact.Uses++;
            contact.LastUsedUtc = now;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves an address in the user's address book.</summary>
    public async Task AddToAddressBookAsync(string userName, MailAddress address, CancellationToken cancellationToken = default)
    {
        await CollectAsync(userName, [address], cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var lower = address.Address.ToLowerInvariant();
        await db.Contacts.Where(c => c.UserName == userName && c.Address == lower)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.InAddressBook, true), cancellationToken);
    }

    /// <summary>The user's address book, by name.</summary>
    public async Task<IReadOnlyList<MailAddress>> AddressBookAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var list = await db.Contacts.AsNoTracking().Where(c => c.UserName == userName && c.InAddressBook)
            .Select(c => new { c.Name, c.Address }).ToListAsync(cancellationToken);
        return [.. list.OrderBy(c => c.Name ?? c.Address, StringComparer.CurrentCultureIgnoreCase).Select(c => new MailAddress(c.Name, c.Address))];
    }

    /// <summary>Takes an address out of the address book (it may still be suggested from mail history).</summary>
    public async Task RemoveFromAddressBookAsync(string userName, string address, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var lower = address.ToLowerInvariant();
        await db.Contacts.Where(c => c.UserName == userName && c.Address == lower)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.InAddressBook, false), cancellationToken);
    }

    /// <summary>Up to <paramref name="take"/> contacts whose address or name starts with (or contains) <paramref name="text"/>, best first.</summary>
    public async Task<IReadOnlyList<MailAddress>> SuggestAsync(string userName, string text, int take = 8, CancellationToken cancellationToken = default)
    {
        var needle = text.Trim().ToLowerInvariant();
        if (needle.Length == 0)
        {
            return [];
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var found = await db.Contacts.AsNoTracking()
            .Where(c => c.UserName == userName && (c.Address.Contains(needle) || (c.Name != null && c.Name.ToLower().Contains(needle))))
            .OrderByDescending(c => c.InAddressBook).ThenByDescending(c => c.Uses).ThenByDescending(c => c.LastUsedUtc)
            .Take(take)
            .Select(c => new { c.Name, c.Address })
            .ToListAsync(cancellationToken);
        return [.. found.Select(c => new MailAddress(c.Name, c.Address))];
    }
}
