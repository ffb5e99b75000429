using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebMail.Mail.Credentials;
using WebMail.Web.Data;

namespace WebMail.Web.Account;

/// <summary>
/// Every signed-in browser session, keyed by the random id its auth cookie carries. Password sign-ins
/// live only in memory (the password is never written to disk; a restart forgets them). OIDC sign-ins
/// are stored in the settings database with their tokens protected by Data Protection, so an app
/// restart or a second instance signs nobody out. Each sign-in has an idle timeout and an absolute
/// lifetime (<see cref="SignInLifetimeOptions"/>; SignInStore.Lifetime.cs).
/// </summary>
public sealed partial class SignInStore(
    IDataProtectionProvider dataProtection,
    IDbContextFactory<WebMailDbContext> databases,
    TimeProvider time,
    IOptions<SignInLifetimeOptions> lifetime,
    SignInEvents events)
{
    private readonly IDataProtector _passwords = dataProtection.CreateProtector("WebMail.SignIn.Password.v1");
    private readonly IDataProtector _tokens = dataProtection.CreateProtector("WebMail.SignIn.Tokens.v1");
    private readonly ConcurrentDictionary<string, PasswordEntry> _passwordSignIns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Reason, DateTimeOffset At)> _endReasons = new(StringComparer.Ordinal);

    /// <summary>Stores a verified password sign-in in memory; returns its session id.</summary>
    /// <param name="browser">A short description of the browser (<see cref="UserAgentSummary"/>), for "Signed-in devices".</param>
    public string AddPassword(PasswordCredential credential, string? browser = null)
    {
        var sid = NewId();
        var now = time.GetUtcNow();
        _passwordSignIns[sid] = new PasswordEntry(credential.UserName, _passwords.Protect(Encoding.UTF8.GetBytes(credential.Password)), now, credential.ClientAddress, browser);
        return sid;
    }

    /// <summary>Stores a verified OIDC sign-in and its tokens in the database; returns its session id.</summary>
    public async Task<string> AddOidcAsync(string userName, OidcTokens tokens, SignInDevice? device = null, CancellationToken cancellationToken = default)
    {
        var sid = NewId();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.SignIns.Add(new SignInRecord
        {
            Id = sid,
            UserName = userName,
            Method = "oidc",
            ProtectedTokens = Protect(tokens),
            AccessTokenExpiresUtc = tokens.ExpiresUtc,
            CreatedUtc = now,
            LastSeenUtc = now,
            Browser = Truncate(device?.Browser, SignInRecord.BrowserMaxLength),
            ClientAddress = Truncate(device?.ClientAddress, SignInRecord.ClientAddressMaxLength),
        });
        await db.SaveChangesAsync(cancellationToken);
        return sid;
    }

    public bool IsPasswordSignIn(string? sid) => sid is not null && _passwordSignIns.ContainsKey(sid);

    /// <summary>The OIDC sign-in and its decrypted tokens, or null when it has ended.</summary>
    public async Task<(SignInRecord Record, OidcTokens Tokens)?> FindOidcAsync(string sid, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.SignIns.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid, cancellationToken);
        return record is null ? null : (record, Unprotect(record.ProtectedTokens));
    }

    /// <summary>Replaces the tokens of a sign-in after a refresh.</summary>
    public async Task SaveTokensAsync(string sid, OidcTokens tokens, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.SignIns.SingleOrDefaultAsync(s => s.Id == sid, cancellationToken);
        if (record is not null)
        {
            record.ProtectedTokens = Protect(tokens);
            record.AccessTokenExpiresUtc = tokens.ExpiresUtc;
            record.RefreshedUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The newest live sign-in of a user: a password credential, or the id of an OIDC sign-in whose token must be fetched.</summary>
    public async Task<(PasswordCredential? Password, string? OidcSignInId)> LatestForUserAsync(string userName, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var password = _passwordSignIns.Values
            .Where(e => string.Equals(e.UserName, userName, StringComparison.OrdinalIgnoreCase) && ExpiredReason(e.SignedInAt, e.LastSeen, now) is null)
            .MaxBy(e => e.SignedInAt);
        var (createdAfter, seenAfter) = Cutoffs(now);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var oidc = await db.SignIns.AsNoTracking()
            .Where(s => s.UserName == userName && s.CreatedUtc > createdAfter && (s.LastSeenUtc ?? s.CreatedUtc) > seenAfter)
            .OrderByDescending(s => s.CreatedUtc)
            .Select(s => new { s.Id, s.CreatedUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (oidc is not null && (password is null || oidc.CreatedUtc > password.SignedInAt.UtcDateTime))
        {
            return (null, oidc.Id);
        }

        return password is null
            ? (null, null)
            : (new PasswordCredential(password.UserName, Encoding.UTF8.GetString(_passwords.Unprotect(password.ProtectedPassword)), password.ClientAddress), null);
    }

    /// <summary>
    /// Ends a sign-in (sign-out, or ended by WebMail with a <see cref="SignInEndReason"/> code the sign-in page explains),
    /// then tells its tabs and the app (<see cref="SignInEvents"/>): frames die, the IMAP session closes if it was the last.
    /// </summary>
    public async Task<EndedSignIn?> EndAsync(string? sid, string? reason = null, CancellationToken cancellationToken = default)
    {
        if (sid is null)
        {
            return null;
        }

        _oidcSeen.TryRemove(sid, out _);
        if (reason is not null)
        {
            _endReasons[sid] = (reason, time.GetUtcNow());
        }

        string? user = null, idToken = null;
        if (_passwordSignIns.TryRemove(sid, out var entry))
        {
            user = entry.UserName;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.SignIns.SingleOrDefaultAsync(s => s.Id == sid, cancellationToken);
        if (record is not null)
        {
            user = record.UserName;
            idToken = Unprotect(record.ProtectedTokens).IdToken;
            db.SignIns.Remove(record);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (user is null)
        {
            return null;
        }

        var othersLeft = _passwordSignIns.Values.Any(e => string.Equals(e.UserName, user, StringComparison.OrdinalIgnoreCase))
            || await db.SignIns.AnyAsync(s => s.UserName == user, cancellationToken);
        var ended = new EndedSignIn(sid, user, othersLeft, idToken, reason);
        await events.PublishAsync(ended);
        return ended;
    }

    /// <summary>Why a sign-in ended (a <see cref="SignInEndReason"/> code), once: the sign-in page shows it.</summary>
    public string? TakeEndReason(string? sid) => sid is not null && _endReasons.TryRemove(sid, out var reason) ? reason.Reason : null;

    /// <summary>Protected token bytes as stored, for the at-rest test.</summary>
    internal byte[] Protect(OidcTokens tokens) => _tokens.Protect(JsonSerializer.SerializeToUtf8Bytes(tokens));

    private OidcTokens Unprotect(byte[] data) => JsonSerializer.Deserialize<OidcTokens>(_tokens.Unprotect(data))
        ?? throw new InvalidOperationException("Stored sign-in tokens are unreadable.");

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static string? Truncate(string? value, int length) => value is { Length: > 0 } v ? v[..Math.Min(v.Length, length)] : null;

    /// <summary>A password sign-in; <see cref="ClientAddress"/> is the browser's address, sent to IMAP at every reconnect.</summary>
    private sealed class PasswordEntry(string userName, byte[] protectedPassword, DateTimeOffset signedInAt, string? clientAddress, string? browser)
    {
        private long _lastSeenTicks = signedInAt.UtcTicks;

        public string UserName { get; } = userName;

        public byte[] ProtectedPassword { get; } = protectedPassword;

        public DateTimeOffset SignedInAt { get; } = signedInAt;

        public string? ClientAddress { get; } = clientAddress;

        public string? Browser { get; } = browser;

        public DateTimeOffset LastSeen => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);

        public void Seen(DateTimeOffset now) => Interlocked.Exchange(ref _lastSeenTicks, now.UtcTicks);
    }
}

/// <summary>The tokens of one OIDC sign-in.</summary>
public sealed record OidcTokens(string AccessToken, string? RefreshToken, string? IdToken, DateTime ExpiresUtc)
{
    /// <summary>Never prints a token.</summary>
    public override string ToString() => $"OidcTokens(expires {ExpiresUtc:O}, tokens redacted)";
}

/// <summary>
/// What an ending needs to tell: which sign-in, whose, whether another one of theirs is left, the id token for the
/// provider, and why WebMail ended it (null when the user signed out).
/// </summary>
public sealed record EndedSignIn(string SignInId, string UserName, bool OthersLeft, string? IdToken, string? Reason);
