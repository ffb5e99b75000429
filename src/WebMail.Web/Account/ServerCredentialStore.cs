using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using WebMail.Mail.Credentials;

namespace WebMail.Web.Account;

/// <summary>
/// Keeps each sign-in's mail password on the server, in memory, protected with Data Protection, keyed by
/// the sign-in session id that the auth cookie carries. Never written to disk or into the cookie; removed
/// at sign-out. An app restart forgets all entries, which signs users out (they sign in again).
/// </summary>
public sealed class ServerCredentialStore(IDataProtectionProvider dataProtection, TimeProvider time) : IMailCredentialSource
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("WebMail.ServerCredentialStore.v1");
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Stores a verified credential; returns the new sign-in session id.</summary>
    public string Add(PasswordCredential credential)
    {
        var sid = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var secret = _protector.Protect(Encoding.UTF8.GetBytes(credential.Password));
        _entries[sid] = new Entry(credential.UserName, secret, time.GetUtcNow());
        return sid;
    }

    /// <summary>True while the sign-in session exists (false after sign-out or an app restart).</summary>
    public bool Contains(string? sid) => sid is not null && _entries.ContainsKey(sid);

    /// <summary>Forgets a sign-in session; returns the user and whether that user has another sign-in left.</summary>
    public (string? UserName, bool OthersLeft) Remove(string? sid)
    {
        if (sid is null || !_entries.TryRemove(sid, out var entry))
        {
            return (null, false);
        }

        var others = _entries.Values.Any(e => string.Equals(e.UserName, entry.UserName, StringComparison.OrdinalIgnoreCase));
        return (entry.UserName, others);
    }

    public ValueTask<MailCredential?> GetCredentialAsync(string userName, CancellationToken cancellationToken = default)
    {
        var latest = _entries.Values
            .Where(e => string.Equals(e.UserName, userName, StringComparison.OrdinalIgnoreCase))
            .MaxBy(e => e.SignedInAt);
        MailCredential? credential = latest is null
            ? null
            : new PasswordCredential(latest.UserName, Encoding.UTF8.GetString(_protector.Unprotect(latest.ProtectedPassword)));
        return ValueTask.FromResult(credential);
    }

    private sealed record Entry(string UserName, byte[] ProtectedPassword, DateTimeOffset SignedInAt);
}
