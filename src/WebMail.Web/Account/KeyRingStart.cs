using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace WebMail.Web.Account;

/// <summary>
/// Makes sure the Data Protection key ring holds a key in use before the server takes requests. Left to itself every
/// instance creates a key on its first protect when it finds none; two replicas started together on an empty
/// PostgreSQL database (docker compose up) would each make one, and a cookie sealed with the other's key is readable
/// only during the two minutes after start in which the framework re-reads an unknown key — later it would sign the
/// user out until the next daily refresh. Called by <see cref="Data.DatabaseMigrator"/> while it holds the
/// database's start lock, so the second instance finds the first one's key and uses it.
/// </summary>
internal static class KeyRingStart
{
    public static void EnsureKey(IServiceProvider services, ILogger logger)
    {
        if (services.GetService<IKeyManager>() is not { } keys
            || services.GetService<IOptions<KeyManagementOptions>>()?.Value is not { AutoGenerateKeys: true } options)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            var key = keys.CreateNewKey(now, now + options.NewKeyLifetime);
            logger.LogInformation("Created the Data Protection key {KeyId} (the key ring had none in use); it expires {Expiration:u}.", key.KeyId, key.ExpirationDate);
        }
    }
}
