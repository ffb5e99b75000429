using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;

namespace WebMail.Mail.Sessions;

/// <summary>
/// The owner of a user's one IMAP connection: the gate every command passes (MailKit runs one command at a
/// time and does not lock for you), connecting and reconnecting with backoff, a deadline on every command,
/// and the connection status the user is shown. The watcher (<see cref="MailWatcher"/>) uses the same gate
/// between commands. Services never see the client outside <see cref="RunAsync{T}"/>.
/// </summary>
public sealed partial class MailConnection : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ImapConnector _connector;
    private readonly IMailCredentialSource _credentials;
    private readonly MailSessionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private ImapContext? _context;

    /// <summary>Where the user's folders are on this server, and how its special folders are found.</summary>
    internal FolderLayout Layout { get; }
    private int _pendingCommands;
    private int _consecutiveFailures;
    private DateTimeOffset _retryNotBefore;
    private bool _closed;

    internal MailConnection(string userName, ImapConnector connector, IMailCredentialSource credentials, MailSessionOptions options, TimeProvider time, ILogger logger, FolderLayout? layout = null)
    {
        Layout = layout ?? FolderLayout.Default;
        UserName = userName;
        _connector = connector;
        _credentials = credentials;
        _options = options;
        _time = time;
        _logger = logger;
        CommandTimeout = connector.CommandTimeout;
    }

    public string UserName { get; }

    /// <summary>Longest a command may take, waiting for the gate included (<c>Imap:TimeoutSeconds</c>).</summary>
    public TimeSpan CommandTimeout { get; }

    /// <summary>True while an open, authenticated connection is held.</summary>
    public bool IsConnected => _context?.Client is { IsConnected: true, IsAuthenticated: true };

    /// <summary>How many times a connection was opened (1 + reconnects).</summary>
    public int ConnectCount { get; private set; }

    /// <summary>The watcher: told when a folder is selected and when the connection is dropped, woken when a command waits.</summary>
    internal IConnectionObserver? Observer { get; set; }

    internal bool HasPendingCommands => Volatile.Read(ref _pendingCommands) > 0;

    /// <summary>Runs one unit of IMAP work on the connection, opening it first if needed, within <see cref="CommandTimeout"/>.</summary>
    /// <param name="timeout">A longer deadline for work known to take long (large uploads); the default otherwise.</param>
    internal async Task<T> RunAsync<T>(Func<ImapContext, CancellationToken, Task<T>> command, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? CommandTimeout, _time);
        using var waitToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);

        // After two seconds without an answer (or without the connection) the user is told we are waiting, and why nothing moves.
        var wait = new CommandWait();
        using var slow = _time.CreateTimer(_ => SetStatusIf(ConnectionState.Connected, ConnectionState.Waiting, wait), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        Interlocked.Increment(ref _pendingCommands);
        Observer?.Wake();
        try
        {
            try
            {
                await _gate.WaitAsync(waitToken.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The connection is stuck in a command (or IDLE) that the server never finishes.
                SetStatus(ConnectionState.Unavailable);
                LogTimedOut(_logger, "waiting for the connection");
                throw NotAnswering();
            }

            try
            {
                return await RunLockedAsync(command, cancellationToken, deadline).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pendingCommands);
            SetStatusIf(ConnectionState.Waiting, ConnectionState.Connected, wait, ending: true);
            Observer?.CommandFinished();
        }
    }

    internal Task RunAsync(Func<ImapContext, CancellationToken, Task> command, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        RunAsync(async (context, ct) =>
        {
            await command(context, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken, timeout);

    private async Task<T> RunLockedAsync<T>(Func<ImapContext, CancellationToken, Task<T>> command, CancellationToken cancellationToken, CancellationTokenSource deadline)
    {
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ImapContext context;
            try
            {
                context = await EnsureConnectedAsync(deadline.Token, failFast: true).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The deadline ran out while waiting for the next connection attempt (the gate had taken part of it):
                // the same failure as a server that does not answer, not a cancellation the caller never asked for.
                LogTimedOut(_logger, "waiting to reconnect");
                SetStatus(ConnectionState.Unavailable);
                throw NotAnswering();
            }

            try
            {
                // The caller's token only stops work that has not started: a MailKit command cancelled half-way
                // leaves the connection unusable. The deadline does cancel it, and the connection is then dropped.
                var result = await command(context, deadline.Token).ConfigureAwait(false);

                // The server answered: a problem shown for an earlier command is over, even when this answer came on the same
                // connection (a server that froze and came back keeps it open, so no reconnect would clear the status).
                SetStatusIf(ConnectionState.Unavailable, ConnectionState.Connected);
                SetStatusIf(ConnectionState.Reconnecting, ConnectionState.Connected);
                return result;
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                LogTimedOut(_logger, "a command");
                await DropAsync(ConnectionState.Unavailable).ConfigureAwait(false);
                throw NotAnswering();
            }
            catch (Exception ex) when (IsConnectionLoss(ex))
            {
                LogConnectionLost(_logger, ex.GetType().Name);
                await DropAsync(attempt == 0 ? ConnectionState.Reconnecting : ConnectionState.Unavailable).ConfigureAwait(false);
                if (attempt >= 1 || IsTimeout(ex))
                {
                    SetStatus(ConnectionState.Unavailable);
                    throw IsTimeout(ex) ? NotAnswering() : new MailUnavailableException(MailFailureKind.ConnectionLost, ex);
                }
            }
            catch (ImapCommandException ex)
            {
                throw new MailCommandException(MailFailure.Refused(ex.ResponseText), ex);
            }
            catch (FolderNotFoundException ex)
            {
                context.ForgetFolders();
                throw new MailItemNotFoundException(MailFailure.FolderGone(ex.FolderName));
            }
            catch (MessageNotFoundException)
            {
                // Expunged by another client between two commands (the body after the summary, a download's next chunk).
                throw new MailItemNotFoundException(MailFailureKind.MessageGone);
            }
        }
    }

    /// <summary>Opens the connection now (at sign-in, to show problems at once).</summary>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => RunAsync((_, _) => Task.CompletedTask, cancellationToken);

    /// <summary>The open connection, opened now if needed. Call only under the gate.</summary>
    /// <param name="failFast">For a user's command: while the server is known to be down and the next retry is more than half a command's time away, fail at once instead of waiting.</param>
    internal async Task<ImapContext> EnsureConnectedAsync(CancellationToken cancellationToken, bool failFast)
    {
        if (_closed)
        {
            throw new MailSignedOutException(MailFailureKind.SignedOut);
        }

        if (_context is { Client: { IsConnected: true, IsAuthenticated: true } } open)
        {
            return open;
        }

        if (_context is not null)
        {
            await DropAsync(ConnectionState.Reconnecting).ConfigureAwait(false);
        }

        var wait = _retryNotBefore - _time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            if (failFast && Status.State == ConnectionState.Unavailable && wait > CommandTimeout / 2)
            {
                throw new MailUnavailableException(MailFailureKind.ServerUnavailable);
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }

        var credential = await _credentials.GetCredentialAsync(UserName, cancellationToken).ConfigureAwait(false)
            ?? throw new MailSignedOutException(MailFailureKind.SignedOut);
        ImapClient client;
        try
        {
            client = await _connector.ConnectAsync(credential, reconnect: ConnectCount > 0, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MailUnavailableException or MailCertificateException || (ex is OperationCanceledException && !_closed))
        {
            _consecutiveFailures++;
            var delay = Math.Min(_options.MaxReconnectDelayMilliseconds, 250 * (1 << Math.Min(_consecutiveFailures, 12)));
            _retryNotBefore = _time.GetUtcNow().AddMilliseconds(delay);
            SetStatus(ConnectionState.Unavailable);
            throw ex is MailException ? ex : NotAnswering();
        }

        var reconnected = ConnectCount > 0;
        ConnectCount++;
        _consecutiveFailures = 0;
        _retryNotBefore = default;
        _context = NewContext(client);
        ImapSessionPool.Metrics.ConnectionOpened();
        if (reconnected)
        {
            LogReconnected(_logger);
        }

        SetStatus(ConnectionState.Connected);
        return _context;
    }

    private ImapContext NewContext(ImapClient client) => new(client, (folder, previous) => Observer?.Selected(folder, previous), Layout);

    /// <summary>Closes the connection after a failure; the next command or watch round opens a new one.</summary>
    internal async Task DropAsync(ConnectionState state)
    {
        if (_context is { } context)
        {
            _context = null;
            ImapSessionPool.Metrics.ConnectionClosed();
            Observer?.Dropped();
            await ImapConnector.DisposeQuietlyAsync(context.Client).ConfigureAwait(false);
        }

        if (!_closed)
        {
            SetStatus(state);
        }
    }

    internal Task WaitGateAsync(CancellationToken cancellationToken) => _gate.WaitAsync(cancellationToken);

    internal void ReleaseGate() => _gate.Release();
}
