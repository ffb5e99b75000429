using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Sending;

/// <summary>
/// Submits a message through the configured SMTP server with the user's own credential (password or
/// OAuth2 token, fetched fresh for every submission), translating failures into <see cref="MailException"/>s.
/// </summary>
public sealed partial class SmtpSender
{
    private readonly SmtpOptions _options;
    private readonly IMailCredentialSource _credentials;
    private readonly ILogger<SmtpSender> _logger;
    private readonly MailServerAccess _transport;

    public SmtpSender(IOptions<SmtpOptions> options, IMailCredentialSource credentials, ILogger<SmtpSender> logger)
    {
        _options = options.Value;
        _credentials = credentials;
        _logger = logger;
        _transport = new MailServerAccess(_options);
    }

    private async Task SubmitAsync(string userName, MimeMessage message, CancellationToken cancellationToken)
    {
        var credential = await _credentials.GetCredentialAsync(userName, cancellationToken).ConfigureAwait(false)
            ?? throw new MailSignedOutException(MailFailureKind.SignedOut);
        using var client = new SmtpClient();
        var certificate = _transport.Configure(client);
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, _transport.SocketOptions, cancellationToken).ConfigureAwait(false);
            await _transport.AuthenticateAsync(client, credential, cancellationToken).ConfigureAwait(false);
            // The envelope sender (MAIL FROM) is the From address: the builder sets no Sender or Resent-* header,
            // so a server that ties envelope senders to logins (Postfix reject_sender_login_mismatch) checks the
            // very address the recipient sees.
            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            LogSent(_logger, _options.ServerName);
        }
        catch (AuthenticationException ex)
        {
            LogAuthFailed(_logger, _options.ServerName);
            throw new MailAuthenticationException(MailFailureKind.SendSignInRefused, ex);
        }
        catch (SmtpCommandException ex)
        {
            LogRefused(_logger, _options.ServerName, (int)ex.StatusCode);
            throw new MailCommandException(SmtpRefusal.Describe(ex), ex);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or SslHandshakeException or ServiceNotConnectedException
            or System.Security.Authentication.AuthenticationException or TimeoutException)
        {
            if (certificate.Problem is { } problem)
            {
                LogCertificateRefused(_logger, _options.ServerName, problem, certificate.Detail);
                throw new MailCertificateException(MailFailure.NotSent(MailFailure.Certificate(problem, "outgoing mail server")), ex);
            }

            LogConnectFailed(_logger, _options.ServerName, ex.GetType().Name, ex.Message);
            throw new MailUnavailableException(MailFailureKind.SendUnreachable, ex);
        }

        try
        {
            // The message was accepted: a failing QUIT must not turn that into "not sent".
            await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException or TimeoutException)
        {
            // A server that queued the message and then does not answer QUIT (TimeoutException) has the message all the same.
            LogQuitFailed(_logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message submitted to {Server}")]
    private static partial void LogSent(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing the SMTP connection after an accepted message failed ({Error})")]
    private static partial void LogQuitFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP server {Server} refused a message with status {Status}")]
    private static partial void LogRefused(ILogger logger, string server, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP login refused by {Server}")]
    private static partial void LogAuthFailed(ILogger logger, string server);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot submit to SMTP server {Server}: {Error} {Detail}")]
    private static partial void LogConnectFailed(ILogger logger, string server, string error, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP server {Server} presented a certificate that was refused ({Problem}): {Detail}")]
    private static partial void LogCertificateRefused(ILogger logger, string server, CertificateProblem problem, string detail);
}
