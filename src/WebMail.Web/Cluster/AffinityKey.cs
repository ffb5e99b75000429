using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WebMail.Web.Data;

namespace WebMail.Web.Cluster;

/// <summary>
/// The value of the <c>webmail_affinity</c> cookie nginx hashes on: HMAC-SHA256 of the lower-cased user name, hex,
/// 32 characters, so every browser and tab of a user lands on one instance without the cookie naming the user. The key
/// is a random value kept once in the settings database (<see cref="ClusterSecretRecord"/>), which every instance
/// already shares: no setting to configure or keep equal, and it never changes while the database lives.
/// </summary>
public sealed class AffinityKey(IDbContextFactory<WebMailDbContext> databases, TimeProvider time)
{
    public const string CookieName = "webmail_affinity";
    private const string SecretName = "affinity-cookie-key";
    private byte[]? _key;

    /// <summary>The cookie value for <paramref name="userName"/>: the same on every instance sharing the database.</summary>
    public async Task<string> ValueForAsync(string userName, CancellationToken cancellationToken = default)
    {
        var key = _key ??= await LoadAsync(cancellationToken);
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(userName.ToLowerInvariant()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    private async Task<byte[]> LoadAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is { } existing)
        {
            return existing;
        }

        var made = RandomNumberGenerator.GetBytes(32);
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            db.ClusterSecrets.Add(new ClusterSecretRecord { Name = SecretName, Value = made, CreatedUtc = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
            return made;
        }
        catch (DbUpdateException)
        {
            // Another instance made it first: theirs counts.
            return await ReadAsync(cancellationToken) ?? throw new InvalidOperationException("The affinity cookie key could not be stored in the settings database.");
        }
    }

    private async Task<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.ClusterSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.Value).SingleOrDefaultAsync(cancellationToken);
    }
}
