using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;

namespace WebMail.Mail.Sessions;

/// <summary>
/// The one IMAP connection of one user. Every command runs through <see cref="RunAsync{T}"/>, one at a
/// time behind the session's gate; a dropped connection is reopened (with backoff) on the next command.
/// Domain operations (folders, message pages, messages, actions) live in the partial files beside this one.
/// </summary>
public sealed partial class UserMailSession : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ImapConnector _connector;
    private readonly IMailCredentialSource _credentials;
    private readonly MailSessionOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<string, IMailFolder> _folders = new(StringComparer.Ordinal);
    private ImapClient? _client;
    private int _consecutiveFailures;
    private DateTimeOffset _retryNotBefore;
    private bool _closed;

    internal UserMailSession(string userName, ImapConnector connector, IMailCredentialSource credentials, MailSessionOptions options, ILogger logger)
    {
        UserName = userName;
        _connector = connector;
        _credentials = credentials;
        _options = options;
        _logger = logger;
    }

    /// <summary>The IMAP user this session belongs to.</summary>
    public string UserName { get; }

    /// <summary>True while the session holds an open, authenticated connection.</summary>
    public bool IsConnected => _client is { IsConnected: true, IsAuthenticated: true };

    /// <summary>How many times this session has opened a connection (1 + reconnects).</summary>
    public int ConnectCount { get; private set; }

    internal int Leases { get; set; }

    internal CancellationTokenSource? CloseTimer { get; set; }

    /// <summary>Raised (outside the gate) when the session loses or regains its connection.</summary>
    public event EventHandler<bool>? ConnectionStateChanged;

    /// <summary>Runs one unit of IMAP work on this user's connection, connecting or reconnecting first if needed.</summary>
    internal async Task<T> RunAsync<T>(Func<ImapClient, CancellationToken, Task<T>> command, CancellationToken cancellationToken)
    {
        // Leave IDLE (done token) so this command gets the connection at once.
        Interlocked.Increment(ref _pendingCommands);
        WakeWatcher();
        try
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.Decrement(ref _pendingCommands);
            throw;
        }

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var client = await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    // A MailKit command cancelled half-way leaves the connection unusable, so the caller's
                    // token only stops work that has not started; a started command runs to its end (the
                    // client's own timeout still bounds it).
                    return await command(client, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (IsConnectionLoss(ex))
                {
                    LogConnectionLost(_logger, ex.GetType().Name);
                    await DropClientAsync().ConfigureAwait(false);
                    ConnectionStateChanged?.Invoke(this, false);
                    if (attempt >= 1)
                    {
                        throw new MailUnavailableException($"The connection to the mail server {_connector.ServerName} was lost. Try again in a moment.", ex);
                    }
                }
                catch (ImapCommandException ex)
                {
                    throw new MailCommandException($"The mail server refused the request: {ex.ResponseText}", ex);
                }
                catch (FolderNotFoundException ex)
                {
                    _folders.Clear();
                    throw new MailItemNotFoundException($"The folder {ex.FolderName} no longer exists.");
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pendingCommands);
            _gate.Release();
            StartWatching();
        }
    }

    internal Task RunAsync(Func<ImapClient, CancellationToken, Task> command, CancellationToken cancellationToken) =>
        RunAsync(async (client, ct) =>
        {
            await command(client, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>Opens the connection now (used at sign-in to show problems at once).</summary>
    public Task ConnectAsync(CancellationToken cancellationToken = default) => RunAsync((_, _) => Task.CompletedTask, cancellationToken);

    /// <summary>Hands an already authenticated client to the session, if it has none; otherwise closes it.</summary>
    internal async Task AdoptAsync(ImapClient client)
    {
        Interlocked.Increment(ref _pendingCommands);
        WakeWatcher();
        await _gate.WaitAsync().ConfigureAwait(false);
        Interlocked.Decrement(ref _pendingCommands);
        try
        {
            if (_client is null && !_closed)
            {
                _client = client;
                ConnectCount++;
                ImapSessionPool.Metrics.ConnectionOpened();
                return;
            }
        }
        finally
        {
            _gate.Release();
        }

        await ImapConnector.DisposeQuietlyAsync(client).ConfigureAwait(false);
    }

    private async Task<ImapClient> EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_closed)
        {
            throw new MailSignedOutException("You have been signed out. Sign in again to continue.");
        }
        if (_client is { IsConnected: true, IsAuthenticated: true })
        {
            return _client;
        }

        if (_client is not null)
        {
            await DropClientAsync().ConfigureAwait(false);
        }

        var wait = _retryNotBefore - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }

        var credential = await _credentials.GetCredentialAsync(UserName, cancellationToken).ConfigureAwait(false)
            ?? throw new MailSignedOutException("You have been signed out. Sign in again to continue.");
        try
        {
            _client = await _connector.ConnectAsync(credential, cancellationToken).ConfigureAwait(false);
        }
        catch (MailUnavailableException)
        {
            _consecutiveFailures++;
            var delay = Math.Min(_options.MaxReconnectDelayMilliseconds, 250 * (1 << Math.Min(_consecutiveFailures, 12)));
            _retryNotBefore = DateTimeOffset.UtcNow.AddMilliseconds(delay);
            throw;
        }

        var reconnected = ConnectCount > 0;
        ConnectCount++;
        _consecutiveFailures = 0;
        _retryNotBefore = default;
        ImapSessionPool.Metrics.ConnectionOpened();
        if (reconnected)
        {
            LogReconnected(_logger);
            ConnectionStateChanged?.Invoke(this, true);
        }

        return _client;
    }

    private async Task DropClientAsync()
    {
        _folders.Clear();
        _selected = null;
        _notifyActive = false;
        if (_client is { } client)
        {
            _client = null;
            ImapSessionPool.Metrics.ConnectionClosed();
            await ImapConnector.DisposeQuietlyAsync(client).ConfigureAwait(false);
        }
    }

    internal static bool IsConnectionLoss(Exception ex) =>
        ex is ImapProtocolException or IOException or SocketException or ServiceNotConnectedException or ServiceNotAuthenticatedException;

    /// <summary>Logs out and closes the connection; the session cannot be used afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        WakeWatcher();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _closed = true;
            await DropClientAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "IMAP connection lost ({Error}); reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "IMAP connection re-established")]
    private static partial void LogReconnected(ILogger logger);
}
