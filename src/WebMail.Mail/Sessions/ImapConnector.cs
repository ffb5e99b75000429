using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;

namespace WebMail.Mail.Sessions;

/// <summary>Opens and authenticates one <see cref="ImapClient"/>, translating failures into <see cref="MailException"/>s.</summary>
public sealed partial class ImapConnector
{
    private readonly ImapOptions _options;
    private readonly ILogger<ImapConnector> _logger;
    private readonly X509Certificate2? _trusted;

    public ImapConnector(IOptions<ImapOptions> options, ILogger<ImapConnector> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (!string.IsNullOrWhiteSpace(_options.TrustedCertificatePath))
        {
            _trusted = X509Certificate2.CreateFromPem(File.ReadAllText(_options.TrustedCertificatePath));
        }
    }

    /// <summary>Optional factory for the protocol logger of each new client (tests count bytes with it).</summary>
    public Func<IProtocolLogger>? ProtocolLoggerFactory { get; set; }

    /// <summary>Server as "host:port", for messages.</summary>
    public string ServerName => $"{_options.Host}:{_options.Port}";

    /// <summary>Connects and logs in; the caller owns the returned client.</summary>
    public async Task<ImapClient> ConnectAsync(MailCredential credential, CancellationToken cancellationToken = default)
    {
        var logger = ProtocolLoggerFactory?.Invoke();
        var client = logger is null ? new ImapClient() : new ImapClient(logger);
        client.Timeout = _options.TimeoutSeconds * 1000;
        if (_trusted is not null)
        {
            client.ServerCertificateValidationCallback = ValidateCertificate;
        }

        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, ToSocketOptions(_options.Security), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SslHandshakeException or ImapProtocolException or System.Security.Authentication.AuthenticationException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            LogConnectFailed(_logger, ServerName, ex.GetType().Name, ex.Message);
            throw new MailUnavailableException($"The mail server {ServerName} cannot be reached. Try again in a moment.", ex);
        }

        try
        {
            await AuthenticateAsync(client, credential, cancellationToken).ConfigureAwait(false);
            LogConnected(_logger, ServerName);
            return client;
        }
        catch (MailKit.Security.AuthenticationException ex)
        {
            await DisposeQuietlyAsync(client).ConfigureAwait(false);
            LogAuthFailed(_logger, ServerName);
            throw new MailAuthenticationException("The user name or password is incorrect.", ex);
        }
        catch (Exception ex) when (ex is IOException or ImapProtocolException or SocketException)
        {
            await DisposeQuietlyAsync(client).ConfigureAwait(false);
            throw new MailUnavailableException($"The mail server {ServerName} closed the connection while signing in. Try again in a moment.", ex);
        }
        catch
        {
            await DisposeQuietlyAsync(client).ConfigureAwait(false);
            throw;
        }
    }

    private static Task AuthenticateAsync(ImapClient client, MailCredential credential, CancellationToken cancellationToken) => credential switch
    {
        PasswordCredential password => client.AuthenticateAsync(password.UserName, password.Password, cancellationToken),
        _ => throw new NotSupportedException($"Credential type {credential.GetType().Name} is not supported."),
    };

    internal static SecureSocketOptions ToSocketOptions(MailSecurity security) => security switch
    {
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        _ => SecureSocketOptions.None,
    };

    private bool ValidateCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        return certificate is not null && _trusted is not null && certificate.GetCertHashString() == _trusted.GetCertHashString();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "IMAP login refused by {Server}")]
    private static partial void LogAuthFailed(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Debug, Message = "IMAP connection to {Server} authenticated")]
    private static partial void LogConnected(ILogger logger, string server);
}
