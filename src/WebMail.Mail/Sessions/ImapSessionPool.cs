using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;

namespace WebMail.Mail.Sessions;

/// <summary>
/// Keeps one <see cref="UserMailSession"/> (one IMAP connection) per user, shared by all of that user's
/// tabs. Circuits take a <see cref="SessionLease"/> and dispose it when they end; a session with no lease
/// left is closed after <see cref="MailSessionOptions.CloseAfterSeconds"/>.
/// </summary>
public sealed partial class ImapSessionPool : IAsyncDisposable
{
    private readonly Dictionary<string, UserMailSession> _sessions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private readonly ImapConnector _connector;
    private readonly IMailCredentialSource _credentials;
    private readonly MailSessionOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FolderLayout _layout;

    public ImapSessionPool(ImapConnector connector, IMailCredentialSource credentials, IOptions<MailSessionOptions> options, ILoggerFactory loggerFactory, TimeProvider? time = null, IOptions<FolderOptions>? folders = null)
    {
        _layout = new FolderLayout(folders?.Value ?? new FolderOptions(), loggerFactory.CreateLogger<FolderLayout>());
        _connector = connector;
        _credentials = credentials;
        _options = options.Value;
        _loggerFactory = loggerFactory;
        _time = time ?? TimeProvider.System;
        _logger = loggerFactory.CreateLogger<ImapSessionPool>();
    }

    internal static PoolMetrics Metrics { get; } = new();

    /// <summary>Number of sessions (users) currently held.</summary>
    public int SessionCount
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Leases the session of <paramref name="userName"/>, creating it if needed. Dispose the lease when done.</summary>
    public SessionLease Lease(string userName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        lock (_lock)
        {
            if (!_sessions.TryGetValue(userName, out var session))
            {
                session = new UserMailSession(userName, _connector, _credentials, _options, _time, _loggerFactory, _layout);
                _sessions.Add(userName, session);
                Metrics.SessionOpened();
            }

            session.Leases++;
            session.CloseTimer?.Cancel();
            session.CloseTimer = null;
            return new SessionLease(this, session);
        }
    }

    /// <summary>
    /// Checks a credential with a fresh login. If the user has no open connection yet, that connection
    /// becomes the session's, so signing in costs one connection, not two.
    /// </summary>
    public async Task VerifyAsync(MailCredential credential, CancellationToken cancellationToken = default)
    {
        var client = await _connector.ConnectAsync(credential, cancellationToken).ConfigureAwait(false);
        using var lease = Lease(credential.UserName);
        await lease.Session.Connection.AdoptAsync(client).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a credential with a fresh login, then logs out. Behind a proxy with user affinity the sign-in request may
    /// reach another instance than the one the affinity cookie then picks: the session opens there, not here.
    /// </summary>
    public async Task CheckAsync(MailCredential credential, CancellationToken cancellationToken = default)
    {
        var client = await _connector.ConnectAsync(credential, cancellationToken).ConfigureAwait(false);
        await ImapConnector.DisposeQuietlyAsync(client).ConfigureAwait(false);
    }

    /// <summary>
    /// Tells the user's session that the server has news (e.g. Dovecot's push_notification said mail was
    /// delivered): its watcher asks the server now instead of waiting for IDLE. False when the user has no session.
    /// </summary>
    public bool Poke(string userName)
    {
        UserMailSession? session;
        lock (_lock)
        {
            _sessions.TryGetValue(userName, out session);
        }

        session?.Poke();
        return session is not null;
    }

    /// <summary>Closes the user's session at once (sign-out).</summary>
    public async Task CloseAsync(string userName)
    {
        UserMailSession? session;
        lock (_lock)
        {
            if (_sessions.Remove(userName, out session))
            {
                session.CloseTimer?.Cancel();
                Metrics.SessionClosed();
            }
        }

        if (session is not null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal void Release(UserMailSession session)
    {
        lock (_lock)
        {
            session.Leases--;
            if (session.Leases > 0 || !_sessions.TryGetValue(session.UserName, out var current) || current != session)
            {
                return;
            }

            var timer = new CancellationTokenSource();
            session.CloseTimer = timer;
            _ = CloseWhenIdleAsync(session, timer.Token);
        }
    }

    private async Task CloseWhenIdleAsync(UserMailSession session, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(_options.CloseAfterSeconds), _time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (_lock)
        {
            if (session.Leases > 0 || cancellationToken.IsCancellationRequested || !_sessions.Remove(session.UserName))
            {
                return;
            }

            Metrics.SessionClosed();
        }

        LogIdleClose(_logger);
        try
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Closing runs unobserved (a timer): it must log, never throw into nowhere.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCloseFailed(_logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing an idle IMAP session failed ({Error})")]
    private static partial void LogCloseFailed(ILogger logger, string error);

    public async ValueTask DisposeAsync() => await CloseAllAsync().ConfigureAwait(false);

    /// <summary>Closes every session (each logs out of its server); returns how many there were. For an instance that is draining.</summary>
    public async Task<int> CloseAllAsync()
    {
        UserMailSession[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions.Values];
            _sessions.Clear();
            foreach (var _ in sessions)
            {
                Metrics.SessionClosed();
            }
        }

        foreach (var session in sessions)
        {
            session.CloseTimer?.Cancel();
            await session.DisposeAsync().ConfigureAwait(false);
        }

        return sessions.Length;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Closing an IMAP session with no tab left")]
    private static partial void LogIdleClose(ILogger logger);

    /// <summary>System.Diagnostics.Metrics instruments of the pool (meter "WebMail.Mail").</summary>
    internal sealed class PoolMetrics
    {
        private readonly Meter _meter = new("WebMail.Mail");
        private long _sessions;
        private long _connections;

        public PoolMetrics()
        {
            _meter.CreateObservableGauge("webmail.sessions.active", () => Interlocked.Read(ref _sessions), description: "Users with an IMAP session");
            _meter.CreateObservableGauge("webmail.imap.connections", () => Interlocked.Read(ref _connections), description: "Open IMAP connections");
            _pushEvents = _meter.CreateCounter<long>("webmail.push.events", description: "Changes reported by IMAP servers (IDLE, NOTIFY, polling, resync)");
        }

        public long Connections => Interlocked.Read(ref _connections);

        private readonly Counter<long> _pushEvents;

        /// <summary>Counts a change reported by the server (new mail, flags, expunges) for one user.</summary>
        public void PushEvent(WebMail.Mail.Model.MailboxChange change) =>
            _pushEvents.Add(1, new KeyValuePair<string, object?>("kind", change.NewMessages.Count > 0 ? "new" : change.Expunged ? "expunge" : "flags"));

        public void SessionOpened() => Interlocked.Increment(ref _sessions);

        public void SessionClosed() => Interlocked.Decrement(ref _sessions);

        public void ConnectionOpened() => Interlocked.Increment(ref _connections);

        public void ConnectionClosed() => Interlocked.Decrement(ref _connections);
    }
}

/// <summary>A circuit's hold on a user's session; disposing it lets the pool close the session later.</summary>
public sealed class SessionLease : IDisposable
{
    private readonly ImapSessionPool _pool;
    private int _disposed;

    internal SessionLease(ImapSessionPool pool, UserMailSession session)
    {
        _pool = pool;
        Session = session;
    }

    public UserMailSession Session { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _pool.Release(Session);
        }
    }
}
