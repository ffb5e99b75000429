using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace WebMail.Web.Account;

/// <summary>Activity, expiry and the user's list of sign-ins ("Signed-in devices").</summary>
public sealed partial class SignInStore
{
    /// <summary>How long a database check of a sign-in is trusted before it is asked again.</summary>
    private static readonly TimeSpan CheckLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Last-seen times are written to the database at most this often per sign-in.</summary>
    private static readonly TimeSpan SeenWriteInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, SignInSeen> _seen = new(StringComparer.Ordinal);

    private SignInLifetimeOptions Lifetime => lifetime.Value;

    /// <summary>True while the sign-in exists and has not expired (an expired one is ended here, with its reason).</summary>
    public Task<bool> IsActiveAsync(string? sid, CancellationToken cancellationToken = default) => CheckAsync(sid, activity: false, cancellationToken);

    /// <summary>As <see cref="IsActiveAsync"/>, and the sign-in was just used (a request, or a live tab): its idle time restarts.</summary>
    public Task<bool> SeenAsync(string? sid, CancellationToken cancellationToken = default) => CheckAsync(sid, activity: true, cancellationToken);

    /// <summary>The user's sign-ins (password and SSO, from every instance), newest first.</summary>
    public async Task<IReadOnlyList<SignInSummary>> ListAsync(string userName, CancellationToken cancellationToken = default)
    {
        var list = new List<SignInSummary>();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var records = await db.SignIns.AsNoTracking().Where(ForUser(userName))
            .Select(s => new { s.Id, s.Method, s.Browser, s.ClientAddress, s.CreatedUtc, s.LastSeenUtc })
            .ToListAsync(cancellationToken);
        foreach (var s in records)
        {
            var lastSeen = Utc(s.LastSeenUtc ?? s.CreatedUtc);
            if (_seen.TryGetValue(s.Id, out var seen) && seen.LastSeen > lastSeen)
            {
                lastSeen = seen.LastSeen;
            }

            list.Add(new SignInSummary(s.Id, s.Method, s.Browser, s.ClientAddress, Utc(s.CreatedUtc), lastSeen));
        }

        return [.. list.OrderByDescending(s => s.SignedInAt)];
    }

    /// <summary>Ends one of <paramref name="userName"/>'s own sign-ins; false (and nothing ended) when the id is not theirs.</summary>
    public async Task<bool> EndOwnAsync(string userName, string sid, string reason, CancellationToken cancellationToken = default)
    {
        string? owner;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            owner = await db.SignIns.Where(s => s.Id == sid).Select(s => s.UserName).SingleOrDefaultAsync(cancellationToken);
        }

        return string.Equals(owner, userName, StringComparison.OrdinalIgnoreCase)
            && await EndAsync(sid, reason, cancellationToken) is not null;
    }

    /// <summary>Ends every sign-in past its idle timeout or absolute lifetime (run every minute): no abandoned sign-in keeps a credential usable.</summary>
    public async Task<int> EndExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var ended = 0;
        var (createdAfter, seenAfter) = Cutoffs(now);
        List<(string Id, DateTime CreatedUtc, DateTime? LastSeenUtc)> expired;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            expired = [.. (await db.SignIns.AsNoTracking()
                .Where(s => s.CreatedUtc <= createdAfter || (s.LastSeenUtc ?? s.CreatedUtc) <= seenAfter)
                .Select(s => new { s.Id, s.CreatedUtc, s.LastSeenUtc })
                .ToListAsync(cancellationToken)).Select(s => (s.Id, s.CreatedUtc, s.LastSeenUtc))];
        }

        foreach (var (id, created, lastSeen) in expired)
        {
            // This instance may have seen it more recently than it last wrote down.
            var seen = _seen.TryGetValue(id, out var cached) && cached.LastSeen > Utc(lastSeen ?? created) ? cached.LastSeen : Utc(lastSeen ?? created);
            if (ExpiredReason(Utc(created), seen, now) is { } reason && await EndAsync(id, reason, cancellationToken) is not null)
            {
                ended++;
            }
        }

        foreach (var (sid, reason) in _endReasons)
        {
            if (now - reason.At > Lifetime.AbsoluteLifetime)
            {
                _endReasons.TryRemove(sid, out _);
            }
        }

        return ended;
    }

    private async Task<bool> CheckAsync(string? sid, bool activity, CancellationToken cancellationToken)
    {
        if (sid is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (await TimesAsync(sid, now, cancellationToken) is not { } seen)
        {
            return false;
        }

        if (ExpiredReason(seen.Created, seen.LastSeen, now) is { } expired)
        {
            await EndAsync(sid, expired, cancellationToken);
            return false;
        }

        if (activity)
        {
            seen.LastSeen = now;
            if (now - seen.WrittenAt >= SeenWriteInterval)
            {
                seen.WrittenAt = now;
                var utc = now.UtcDateTime;
                await using var db = await databases.CreateDbContextAsync(cancellationToken);
                await db.SignIns.Where(s => s.Id == sid).ExecuteUpdateAsync(s => s.SetProperty(r => r.LastSeenUtc, utc), cancellationToken);
            }
        }

        return true;
    }

    /// <summary>When a sign-in began and was last seen, from the database at most every 30 s; null once it is gone.</summary>
    private async Task<SignInSeen?> TimesAsync(string sid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_seen.TryGetValue(sid, out var cached) && now - cached.CheckedAt < CheckLifetime)
        {
            return cached;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var record = await db.SignIns.AsNoTracking().Where(s => s.Id == sid)
            .Select(s => new { s.CreatedUtc, s.LastSeenUtc, s.Method })
            .SingleOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            _seen.TryRemove(sid, out _);
            return null;
        }

        var stored = Utc(record.LastSeenUtc ?? record.CreatedUtc);
        var seen = cached ?? new SignInSeen(Utc(record.CreatedUtc), record.Method) { LastSeen = stored, WrittenAt = stored };
        seen.CheckedAt = now;
        if (stored > seen.LastSeen)
        {
            seen.LastSeen = stored;
        }

        return _seen[sid] = seen;
    }

    private string? ExpiredReason(DateTimeOffset signedInAt, DateTimeOffset lastSeen, DateTimeOffset now) =>
        now - signedInAt >= Lifetime.AbsoluteLifetime ? SignInEndReason.Lifetime
            : now - lastSeen >= Lifetime.IdleTimeout ? SignInEndReason.Idle
            : null;

    /// <summary>A sign-in is live only if it began after the first and was last seen after the second.</summary>
    private (DateTime CreatedAfter, DateTime SeenAfter) Cutoffs(DateTimeOffset now) =>
        ((now - Lifetime.AbsoluteLifetime).UtcDateTime, (now - Lifetime.IdleTimeout).UtcDateTime);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>What this instance knows of a sign-in's times (written back at most once a minute).</summary>
    private sealed class SignInSeen(DateTimeOffset created, string method)
    {
        public DateTimeOffset Created { get; } = created;

        public string Method { get; } = method;

        public DateTimeOffset LastSeen { get; set; }

        public DateTimeOffset WrittenAt { get; set; }

        public DateTimeOffset CheckedAt { get; set; }
    }
}

/// <summary>One sign-in as "Signed-in devices" lists it.</summary>
public sealed record SignInSummary(string Id, string Method, string? Browser, string? ClientAddress, DateTimeOffset SignedInAt, DateTimeOffset LastSeen);

/// <summary>The browser a sign-in was made from: a short description of its User-Agent, and its address (after forwarded headers).</summary>
public sealed record SignInDevice(string? Browser, string? ClientAddress)
{
    public static SignInDevice From(HttpContext context) =>
        new(UserAgentSummary.Describe(context.Request.Headers.UserAgent.ToString()), SignInThrottle.ClientAddress(context));
}
