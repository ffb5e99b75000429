using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebMail.Web.Data;
using WebMail.Web.Localization;

namespace WebMail.Web.Account;

/// <summary>
/// Slows and then stops password guessing. Each attempt is counted before the mail server is asked, per
/// account + client address and per account from all addresses (atomic updates in the settings database, so
/// parallel guesses and several instances see one count). A right password takes its attempt back and clears the
/// pair; a server outage takes it back too: only wrong passwords count. Past <see cref="SignInThrottleOptions.FreeAttempts"/>
/// the pair is locked; past <see cref="SignInThrottleOptions.AccountCeiling"/> the account is locked for every address.
/// Rows whose window and lock are both over count for nothing any more: they are deleted on the way (at most once per
/// <see cref="SweepInterval"/> per instance), so a guessing attack over many accounts or addresses leaves no lasting rows.
/// </summary>
public sealed partial class SignInThrottle(
    IDbContextFactory<WebMailDbContext> databases, IOptions<SignInThrottleOptions> options, TimeProvider time, ILogger<SignInThrottle> logger)
{
    private const int MaxAccountLength = 320;

    /// <summary>How often (at most) an instance deletes rows that are over.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly SignInThrottleOptions _options = options.Value;
    private long _nextSweepTicks;

    /// <summary>The address a sign-in comes from, as counted and as sent to the mail server; null when unknown.</summary>
    public static string? ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;

    /// <summary>Counts an attempt; says whether the mail server may be asked, or for how long sign-ins stay locked.</summary>
    public async Task<SignInAttempt> BeginAsync(string userName, string? client, CancellationToken cancellationToken = default)
    {
        var attempt = new SignInAttempt(Normalize(userName), client ?? "unknown");
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await SweepIfDueAsync(db, cancellationToken);
        await CheckAsync(db, attempt, cancellationToken);
        if (attempt.RetryAfter is not null)
        {
            // A refused attempt never reaches the server: it must not push the account towards its ceiling
            // (else one locked-out address could lock the owner out everywhere by knocking on).
            await TakeBackAsync(db, attempt.Account, attempt.Client, CancellationToken.None);
            await TakeBackAsync(db, attempt.Account, SignInFailureRecord.AllClients, CancellationToken.None);
        }

        return attempt;
    }

    private async Task<SignInAttempt> CheckAsync(WebMailDbContext db, SignInAttempt attempt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var pair = await CountAsync(db, attempt.Account, attempt.Client, now, cancellationToken);
        var account = await CountAsync(db, attempt.Account, SignInFailureRecord.AllClients, now, cancellationToken);
        attempt.PairFailures = pair.Failures;
        attempt.AccountFailures = account.Failures;

        // A lock seen with a number within the free attempts was put by a parallel guess numbered after this one (a lock
        // from before makes every later number bigger): this attempt was admitted by its number and goes on.
        if (pair.LockedUntilUtc is { } pairLock && pairLock > now && pair.Failures > _options.FreeAttempts)
        {
            return attempt.Locked(pairLock - now, accountWide: false);
        }

        if (account.LockedUntilUtc is { } accountLock && accountLock > now)
        {
            return attempt.Locked(accountLock - now, accountWide: true);
        }

        // Parallel guesses each took a number: the ones past the limit lock without asking the server.
        if (pair.Failures > _options.FreeAttempts)
        {
            return attempt.Locked(await LockAsync(db, attempt.Account, attempt.Client, now, cancellationToken), accountWide: false);
        }

        if (account.Failures > _options.AccountCeiling)
        {
            return attempt.Locked(await LockAsync(db, attempt.Account, SignInFailureRecord.AllClients, now, cancellationToken), accountWide: true);
        }

        return attempt;
    }

    /// <summary>The password was right: the pair starts afresh and the attempt leaves the account's count.</summary>
    public async Task SucceededAsync(SignInAttempt attempt, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.SignInFailures.Where(f => f.Account == attempt.Account && f.Client == attempt.Client).ExecuteDeleteAsync(cancellationToken);
        await TakeBackAsync(db, attempt.Account, SignInFailureRecord.AllClients, cancellationToken);
    }

    /// <summary>The server could not decide (outage): the attempt is not held against anyone.</summary>
    public async Task AbandonedAsync(SignInAttempt attempt, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await TakeBackAsync(db, attempt.Account, attempt.Client, cancellationToken);
        await TakeBackAsync(db, attempt.Account, SignInFailureRecord.AllClients, cancellationToken);
    }

    /// <summary>A wrong password: locks at the limit, and answers a little later the more often it happened.</summary>
    public async Task FailedAsync(SignInAttempt attempt, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using (var db = await databases.CreateDbContextAsync(cancellationToken))
        {
            if (attempt.PairFailures >= _options.FreeAttempts)
            {
                await LockAsync(db, attempt.Account, attempt.Client, now, cancellationToken);
                LogPairLocked(logger, attempt.PairFailures, attempt.Client, _options.LockMinutes);
            }

            if (attempt.AccountFailures >= _options.AccountCeiling)
            {
                await LockAsync(db, attempt.Account, SignInFailureRecord.AllClients, now, cancellationToken);
                LogAccountLocked(logger, attempt.AccountFailures, _options.LockMinutes);
            }
        }

        var delay = Math.Min((long)_options.DelayStepMilliseconds * (attempt.PairFailures - 1), _options.MaxDelayMilliseconds);
        if (delay > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(delay), time, cancellationToken);
        }
    }

    /// <summary>Adds one to a counter, starting a new window when the last one (or its lock) is over.</summary>
    private async Task<SignInFailureRecord> CountAsync(WebMailDbContext db, string account, string client, DateTime now, CancellationToken cancellationToken)
    {
        var windowStart = now.AddMinutes(-_options.WindowMinutes);
        for (var tries = 0; ; tries++)
        {
            // The UPDATE and the read of its result in one transaction: the updated row stays locked until the commit, so
            // the number read is this attempt's own, not one that parallel attempts raised in between (read outside the
            // transaction, a guess numbered within the free attempts could read a later number and be refused).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

            // One UPDATE, so concurrent attempts each get their own number. "Over" = lock ended, or no lock and the window passed.
            var updated = await db.SignInFailures.Where(f => f.Account == account && f.Client == client).ExecuteUpdateAsync(s => s
                .SetProperty(f => f.Failures, f => (f.LockedUntilUtc != null && f.LockedUntilUtc <= now) || (f.LockedUntilUtc == null && f.WindowStartUtc < windowStart) ? 1 : f.Failures + 1)
                .SetProperty(f => f.WindowStartUtc, f => (f.LockedUntilUtc != null && f.LockedUntilUtc <= now) || (f.LockedUntilUtc == null && f.WindowStartUtc < windowStart) ? now : f.WindowStartUtc)
                .SetProperty(f => f.LockedUntilUtc, f => f.LockedUntilUtc != null && f.LockedUntilUtc <= now ? null : f.LockedUntilUtc),
                cancellationToken);
            if (updated == 0)
            {
                db.SignInFailures.Add(new SignInFailureRecord { Account = account, Client = client, WindowStartUtc = now, Failures = 1 });
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException) when (tries < 3)
                {
                    // Another attempt inserted the row first: count on it (in a new transaction; this one failed).
                    db.ChangeTracker.Clear();
                    await transaction.RollbackAsync(CancellationToken.None);
                    continue;
                }

                db.ChangeTracker.Clear();
            }

            var counted = await db.SignInFailures.AsNoTracking().SingleAsync(f => f.Account == account && f.Client == client, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return counted;
        }
    }

    private async Task<TimeSpan> LockAsync(WebMailDbContext db, string account, string client, DateTime now, CancellationToken cancellationToken)
    {
        var until = now.AddMinutes(_options.LockMinutes);
        await db.SignInFailures.Where(f => f.Account == account && f.Client == client && (f.LockedUntilUtc == null || f.LockedUntilUtc <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.LockedUntilUtc, until), cancellationToken);
        var lockedUntil = await db.SignInFailures.AsNoTracking().Where(f => f.Account == account && f.Client == client)
            .Select(f => f.LockedUntilUtc).SingleOrDefaultAsync(cancellationToken);
        return (lockedUntil ?? until) - now;
    }

    /// <summary>
    /// Deletes the rows that are over: no lock and the window passed, or a lock that ended (the next attempt would
    /// start such a row afresh anyway, so deleting it changes no decision).
    /// </summary>
    private async Task SweepIfDueAsync(WebMailDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.Ticks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).Ticks, due) != due)
        {
            return; // not yet, or another attempt of this instance is sweeping
        }

        var windowStart = now.AddMinutes(-_options.WindowMinutes);
        var deleted = await db.SignInFailures
            .Where(f => (f.LockedUntilUtc == null && f.WindowStartUtc < windowStart) || (f.LockedUntilUtc != null && f.LockedUntilUtc <= now))
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            LogSwept(logger, deleted);
        }
    }

    private static Task TakeBackAsync(WebMailDbContext db, string account, string client, CancellationToken cancellationToken) =>
        db.SignInFailures.Where(f => f.Account == account && f.Client == client && f.Failures > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Failures, f => f.Failures - 1), cancellationToken);

    private static string Normalize(string userName)
    {
        var account = userName.Trim().ToLowerInvariant();
        return account.Length > MaxAccountLength ? account[..MaxAccountLength] : account;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sign-in throttle: {Rows} rows that were over deleted")]
    private static partial void LogSwept(ILogger logger, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in locked for {LockMinutes} min: {Failures} wrong passwords for one account from {Client}")]
    private static partial void LogPairLocked(ILogger logger, int failures, string client, int lockMinutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in locked for {LockMinutes} min for every address: {Failures} wrong passwords for one account")]
    private static partial void LogAccountLocked(ILogger logger, int failures, int lockMinutes);
}

/// <summary>One counted sign-in attempt; <see cref="RetryAfter"/> is set when it was refused by a lock.</summary>
public sealed class SignInAttempt(string account, string client)
{
    public string Account { get; } = account;

    public string Client { get; } = client;

    public int PairFailures { get; set; }

    public int AccountFailures { get; set; }

    public TimeSpan? RetryAfter { get; private set; }

    public bool AccountWide { get; private set; }

    /// <summary>What the sign-in page says while locked, in the user's language.</summary>
    public string LockedSentence(IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        var minutes = Math.Max(1, (int)Math.Ceiling((RetryAfter ?? TimeSpan.Zero).TotalMinutes));
        var when = Durations.Describe(TimeSpan.FromMinutes(minutes), l);
        return AccountWide
            ? l["Too many failed sign-ins for this account. Try again in {0}.", when]
            : l["Too many failed sign-ins for this account from your address. Try again in {0}.", when];
    }

    internal SignInAttempt Locked(TimeSpan retryAfter, bool accountWide)
    {
        RetryAfter = retryAfter < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retryAfter;
        AccountWide = accountWide;
        return this;
    }
}
