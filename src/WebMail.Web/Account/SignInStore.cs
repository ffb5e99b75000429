using System.Collections.Concurrent;
using System.Linq.Expressions;
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
/// Every signed-in browser session, keyed by the random id its auth cookie carries, in the settings database: password
/// sign-ins with the password and SSO sign-ins with their tokens, both protected by Data Protection (the key ring the
/// instances share, sealed with the configured certificate), so an app restart or another instance behind the proxy
/// opens the user's IMAP session without a new sign-in, and the database alone opens nothing. Each sign-in has an idle
/// timeout and an absolute lifetime (<see cref="SignInLifetimeOptions"/>; SignInStore.Lifetime.cs).
/// </summary>
public sealed partial class SignInStore(
    IDataProtectionProvider dataProtection,
    IDbContextFactory<WebMailDbContext> databases,
    TimeProvider time,
    IOptions<SignInLifetimeOptions> lifetime,
    SignInEvents events)
{
    public const string PasswordMethod = "password";
    public const string OidcMethod = "oidc";

    private readonly IDataProtector _passwords = dataProtection.CreateProtector("WebMail.SignIn.Password.v1");
    private readonly IDataProtector _tokens = dataProtection.CreateProtector("WebMail.SignIn.Tokens.v1");
    private readonly ConcurrentDictionary<string, (string Reason, DateTimeOffset At)> _endReasons = new(StringComparer.Ordinal);

    /// <summary>Stores a verified password sign-in, the password protected; returns its session id.</summary>
    /// <param name="browser">A short description of the browser (<see cref="UserAgentSummary"/>), for "Signed-in devices".</param>
    public Task<string> AddPasswordAsync(PasswordCredential credential, string? browser = null, CancellationToken cancellationToken = default) =>
        AddAsync(credential.UserName, PasswordMethod, [], _passwords.Protect(Encoding.UTF8.GetBytes(credential.Password)), null,
            new SignInDevice(browser, credential.ClientAddress), cancellationToken);

    /// <summary>Stores a verified OIDC sign-in and its tokens in the database; returns its session id.</summary>
    public Task<string> AddOidcAsync(string userName, OidcTokens tokens, SignInDevice? device = null, CancellationToken cancellationToken = default) =>
        AddAsync(userName, OidcMethod, Protect(tokens), null, tokens.ExpiresUtc, device, cancellationToken);

    /// <summary>True for a password sign-in this instance checked within the last 30 s (it has no tokens to refresh).</summary>
    public bool IsPasswordSignIn(string? sid) => sid is not null && _seen.TryGetValue(sid, out var seen) && seen.Method == PasswordMethod;

    /// <summary>The OIDC sign-in and its decrypted tokens, or null when it has ended.</summary>
    public async Task<(SignInRecord Record, OidcTokens Tokens)?> FindOidcAsync(string sid, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.SignIns.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid && s.Method == OidcMethod, cancellationToken);
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
        var (createdAfter, seenAfter) = Cutoffs(time.GetUtcNow());
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var latest = await db.SignIns.AsNoTracking()
            .Where(ForUser(userName))
            .Where(s => s.CreatedUtc > createdAfter && (s.LastSeenUtc ?? s.CreatedUtc) > seenAfter)
            .OrderByDescending(s => s.CreatedUtc)
            .Select(s => new { s.Id, s.Method, s.UserName, s.ProtectedPassword, s.ClientAddress })
            .FirstOrDefaultAsync(cancellationToken);
        return latest switch
        {
            null => (null, null),
            { Method: PasswordMethod, ProtectedPassword: { } password } =>
                (new PasswordCredential(latest.UserName, Encoding.UTF8.GetString(_passwords.Unprotect(password)), latest.ClientAddress), null),
            _ => (null, latest.Id),
        };
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

        _seen.TryRemove(sid, out _);
        if (reason is not null)
        {
            _endReasons[sid] = (reason, time.GetUtcNow());
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.SignIns.SingleOrDefaultAsync(s => s.Id == sid, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var user = record.UserName;
        var idToken = record.Method == OidcMethod ? Unprotect(record.ProtectedTokens).IdToken : null;
        db.SignIns.Remove(record);
        await db.SaveChangesAsync(cancellationToken);

        var othersLeft = await db.SignIns.AnyAsync(ForUser(user), cancellationToken);
        var ended = new EndedSignIn(sid, user, othersLeft, idToken, reason);
        await events.PublishAsync(ended);
        return ended;
    }

    /// <summary>Why a sign-in ended (a <see cref="SignInEndReason"/> code), once: the sign-in page shows it.</summary>
    public string? TakeEndReason(string? sid) => sid is not null && _endReasons.TryRemove(sid, out var reason) ? reason.Reason : null;

    /// <summary>Protected token bytes as stored, for the at-rest test.</summary>
    internal byte[] Protect(OidcTokens tokens) => _tokens.Protect(JsonSerializer.SerializeToUtf8Bytes(tokens));

    /// <summary>A user's sign-ins, whatever the case of the name they signed in with (one IMAP session serves them all).</summary>
    private static Expression<Func<SignInRecord, bool>> ForUser(string userName)
    {
        var lower = userName.ToLowerInvariant();
        return s => s.UserName.ToLower() == lower;
    }

    private async Task<string> AddAsync(
        string userName, string method, byte[] tokens, byte[]? password, DateTime? tokenExpiresUtc, SignInDevice? device, CancellationToken cancellationToken)
    {
        var sid = NewId();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.SignIns.Add(new SignInRecord
        {
            Id = sid,
            UserName = userName,
            Method = method,
            ProtectedTokens = tokens,
            ProtectedPassword = password,
            AccessTokenExpiresUtc = tokenExpiresUtc ?? now,
            CreatedUtc = now,
            LastSeenUtc = now,
            Browser = Truncate(device?.Browser, SignInRecord.BrowserMaxLength),
            ClientAddress = Truncate(device?.ClientAddress, SignInRecord.ClientAddressMaxLength),
        });
        await db.SaveChangesAsync(cancellationToken);
        return sid;
    }

    private OidcTokens Unprotect(byte[] data) => JsonSerializer.Deserialize<OidcTokens>(_tokens.Unprotect(data))
        ?? throw new InvalidOperationException("Stored sign-in tokens are unreadable.");

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static string? Truncate(string? value, int length) => value is { Length: > 0 } v ? v[..Math.Min(v.Length, length)] : null;
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
