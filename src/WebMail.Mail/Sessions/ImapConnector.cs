using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Diagnostics;

namespace WebMail.Mail.Sessions;

/// <summary>Opens and authenticates one <see cref="ImapClient"/>, translating failures into <see cref="MailException"/>s.</summary>
public sealed partial class ImapConnector
{
    private readonly ImapOptions _options;
    private readonly ILogger<ImapConnector> _logger;
    private readonly MailServerAccess _transport;

    public ImapConnector(IOptions<ImapOptions> options, ILogger<ImapConnector> logger)
    {
        _options = options.Value;
        _logger = logger;
        _transport = new MailServerAccess(_options);
    }

    /// <summary>Optional factory for the protocol logger of each new client (tests count bytes with it).</summary>
    public Func<IProtocolLogger>? ProtocolLoggerFactory { get; set; }

    /// <summary>Longest one IMAP command may take (<c>Imap:TimeoutSeconds</c>).</summary>
    public TimeSpan CommandTimeout => TimeSpan.FromSeconds(_options.TimeoutSeconds);

    /// <summary>Server as "host:port", for the log (never for users: they cannot act on it).</summary>
    public string ServerName => _options.ServerName;

    /// <summary>Connects and logs in; the caller owns the returned client.</summary>
    public Task<ImapClient> ConnectAsync(MailCredential credential, CancellationToken cancellationToken = default) => ConnectAsync(credential, reconnect: false, cancellationToken);

    private async Task<ImapClient> ConnectUntracedAsync(MailCredential credential, CancellationToken cancellationToken)
    {
        var trace = MailTelemetry.Watching ? new ImapCommandTrace(ProtocolLoggerFactory?.Invoke()) : null;
        var tap = new LoginTap(trace ?? ProtocolLoggerFactory?.Invoke());
        var client = new ImapClient(tap);
        trace?.Attach(client);
        var certificate = _transport.Configure(client);

        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, _transport.SocketOptions, cancellationToken).ConfigureAwait(false);
        }
        // A cancellation is the caller's only when its token asked for it; MailKit's own time-out (a TimeoutException) is
        // a server that does not answer even when the caller's deadline ran out in the same moment.
        catch (Exception ex) when (ex is SocketException or IOException or SslHandshakeException or ImapProtocolException or System.Security.Authentication.AuthenticationException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            client.Dispose();
            if (certificate.Problem is { } problem)
            {
                LogCertificateRefused(_logger, ServerName, problem, certificate.Detail);
                throw new MailCertificateException(MailFailure.Certificate(problem, "mail server"), ex);
            }

            LogConnectFailed(_logger, ServerName, ex.GetType().Name, ex.Message);
            throw new MailUnavailableException(
                ex is SslHandshakeException or System.Security.Authentication.AuthenticationException
                    ? MailFailureKind.SecureConnectionFailed
                    : MailFailureKind.ServerUnreachable,
                ex);
        }

        try
        {
            CheckCanAuthenticate(client, credential);
            await SendClientAddressAsync(client, credential, cancellationToken).ConfigureAwait(false);
            tap.Listening = true;
            await _transport.AuthenticateAsync(client, credential, cancellationToken).ConfigureAwait(false);
            tap.Listening = false;
            if ((client.Capabilities & ImapCapabilities.QuickResync) != 0)
            {
                // Unsolicited FETCH responses then carry UIDs, and expunges arrive as VANISHED with UIDs.
                await client.EnableQuickResyncAsync(cancellationToken).ConfigureAwait(false);
            }

            LogConnected(_logger, ServerName);
            return client;
        }
        catch (MailKit.Security.AuthenticationException ex)
        {
            await DisposeQuietlyAsync(client).ConfigureAwait(false);
            throw new MailAuthenticationException(DescribeRefusal(credential, tap.Refusal, ex.Message), ex);
        }
        catch (Exception ex) when (ex is IOException or ImapProtocolException or SocketException)
        {
            await DisposeQuietlyAsync(client).ConfigureAwait(false);
            LogConnectFailed(_logger, ServerName, ex.GetType().Name, ex.Message);
            throw new MailUnavailableException(MailFailureKind.ClosedWhileSigningIn, ex);
        }
        catch (TimeoutException ex)
        {
            // The greeting came, then the server stopped answering while WebMail signed in.
            await DisposeQuietlyAsync(client).ConfigureAwait(false);
            LogConnectFailed(_logger, ServerName, ex.GetType().Name, ex.Message);
            throw new MailUnavailableException(MailFailure.NotAnswering((int)CommandTimeout.TotalSeconds), ex);
        }
        catch
        {
            await DisposeQuietlyAsync(client).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// IMAP ID (RFC 2971) with <c>x-originating-ip</c> before LOGIN: a server that trusts WebMail (Dovecot:
    /// <c>login_trusted_networks</c>) then logs and penalises the user's address instead of WebMail's.
    /// </summary>
    private static async Task SendClientAddressAsync(ImapClient client, MailCredential credential, CancellationToken cancellationToken)
    {
        if (credential is PasswordCredential { ClientAddress: { Length: > 0 } address } && (client.Capabilities & ImapCapabilities.Id) != 0)
        {
            var implementation = new ImapImplementation { Name = "WebMail" };
            implementation.Properties["x-originating-ip"] = address;
            try
            {
                await client.IdentifyAsync(implementation, cancellationToken).ConfigureAwait(false);
            }
            catch (ImapCommandException)
            {
                // A server that refuses ID still takes the login; it just sees WebMail's address.
            }
        }
    }

    internal static async Task DisposeQuietlyAsync(ImapClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(true, cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or ImapProtocolException or OperationCanceledException or InvalidOperationException or SocketException or ImapCommandException)
        {
            // Closing a connection that is already broken has nothing left to do.
        }
        finally
        {
            client.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to IMAP server {Server}: {Error} {Detail}")]
    private static partial void LogConnectFailed(ILogger logger, string server, string error, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "IMAP server {Server} presented a certificate that was refused ({Problem}): {Detail}")]
    private static partial void LogCertificateRefused(ILogger logger, string server, CertificateProblem problem, string detail);

    [LoggerMessage(Level = LogLevel.Debug, Message = "IMAP connection to {Server} authenticated")]
    private static partial void LogConnected(ILogger logger, string server);
}
