using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WebMail.Web.Mail;

/// <summary>
/// Every open compose tab's server copy, by user and compose id. A closed tab's copy is saved if it has
/// unsaved changes and kept for <see cref="ComposeOptions.ClosedTabGraceSeconds"/> (a late beacon from
/// that tab still lands in it), then removed with its attachment folder, whether the save worked or not.
/// At shutdown, every unsaved copy is saved (<see cref="ComposeHostedService"/>).
/// </summary>
public sealed partial class ComposeRegistry(ComposeDrafts drafts, TimeProvider time, IOptions<ComposeOptions> options, ILogger<ComposeRegistry> logger)
{
    /// <summary>Where compose tabs keep their attachments, one folder per tab.</summary>
    public static readonly string TempRoot = Path.Combine(Path.GetTempPath(), "webmail-compose");

    /// <summary>A new, not yet created folder for one tab's attachments.</summary>
    public static string NewTempDirectory() => Path.Combine(TempRoot, Guid.NewGuid().ToString("N"));

    private readonly ConcurrentDictionary<(string User, Guid Id), Entry> _open = new();

    /// <summary>How many copies are held (open tabs plus recently closed ones).</summary>
    public int Count => _open.Count;

    /// <summary>A new copy for a tab; a previous copy of the same compose session (a reloaded tab) is saved and retired first.</summary>
    public async Task<ComposeSession> OpenAsync(string userName, Guid composeId, string tempDirectory, CancellationToken cancellationToken = default)
    {
        var session = new ComposeSession(composeId, userName, tempDirectory, options.Value.MaxBodyCharacters);
        Entry? previous = null;
        _open.AddOrUpdate(Key(userName, composeId), _ => new Entry(session), (_, old) =>
        {
            previous = old;
            return new Entry(session);
        });
        if (previous is not null)
        {
            await RetireAsync(previous.Session, cancellationToken);
        }

        return session;
    }

    /// <summary>The copy of an open (or just closed) tab, for its beacon.</summary>
    public ComposeSession? Find(string userName, Guid composeId) =>
        _open.TryGetValue(Key(userName, composeId), out var entry) ? entry.Session : null;

    /// <summary>The tab went away: save what it left (unless sent or told not to), keep the copy a little for a late beacon.</summary>
    public async Task ReleaseAsync(ComposeSession session, bool save)
    {
        if (save)
        {
            await SaveQuietlyAsync(session, CancellationToken.None);
        }

        if (_open.TryGetValue(Key(session.UserName, session.Id), out var entry) && entry.Session == session)
        {
            entry.ExpiresAt = time.GetUtcNow().AddSeconds(options.Value.ClosedTabGraceSeconds).UtcTicks;
        }
        else
        {
            DeleteTemp(session.TempDirectory);
        }
    }

    /// <summary>Retires closed tabs' copies whose grace time is over (saving a beacon's last change if that failed before).</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var (key, entry) in _open)
        {
            if (entry.ExpiresAt is > 0 and var expires && expires <= now.UtcTicks && _open.TryRemove(new KeyValuePair<(string, Guid), Entry>(key, entry)))
            {
                await RetireAsync(entry.Session, cancellationToken);
            }
        }
    }

    /// <summary>At shutdown: saves every copy with unsaved changes, all at once, within <paramref name="cancellationToken"/>; then removes every attachment folder, saved or not.</summary>
    public async Task FlushAllAsync(CancellationToken cancellationToken)
    {
        var sessions = _open.Values.Select(e => e.Session).ToList();
        var dirty = sessions.Where(s => s.IsDirty).ToList();
        LogFlushing(logger, dirty.Count);
        try
        {
            await Task.WhenAll(dirty.Select(s => SaveQuietlyAsync(s, cancellationToken)));
        }
        finally
        {
            foreach (var session in sessions)
            {
                DeleteTemp(session.TempDirectory);
            }
        }
    }

    internal static void DeleteTemp(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still open (an upload being cancelled); the OS temp cleanup takes it.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private static (string, Guid) Key(string userName, Guid composeId) => (userName.ToUpperInvariant(), composeId);

    private async Task RetireAsync(ComposeSession session, CancellationToken cancellationToken)
    {
        try
        {
            await SaveQuietlyAsync(session, cancellationToken);
        }
        finally
        {
            DeleteTemp(session.TempDirectory);
        }
    }

    private async Task SaveQuietlyAsync(ComposeSession session, CancellationToken cancellationToken)
    {
        if (!session.IsDirty)
        {
            return;
        }

        try
        {
            await drafts.SaveAsync(session, cancellationToken);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Nobody is left to tell; the draft in Drafts (and the browser's own copy) remain.
            LogSaveFailed(logger, ex.GetType().Name, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Saving {Count} unsaved draft(s) of open compose tabs before shutdown")]
    private static partial void LogFlushing(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A closed compose tab's draft could not be saved ({Error}: {Reason})")]
    private static partial void LogSaveFailed(ILogger logger, string error, string reason);

    private sealed class Entry(ComposeSession session)
    {
        public ComposeSession Session { get; } = session;

        private long _expiresAt;

        /// <summary>UTC ticks after which a closed tab's copy goes; 0 while the tab is open.</summary>
        public long ExpiresAt
        {
            get => Volatile.Read(ref _expiresAt);
            set => Volatile.Write(ref _expiresAt, value);
        }
    }
}
