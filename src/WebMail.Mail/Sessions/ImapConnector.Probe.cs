using MailKit.Net.Imap;

namespace WebMail.Mail.Sessions;

public sealed partial class ImapConnector
{
    /// <summary>
    /// Checks that the IMAP server answers (connect, greeting, TLS as configured), without logging in: for readiness
    /// probes. Returns null when it does, else a sentence for operators (host and port included: this is not shown to users).
    /// </summary>
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken = default)
    {
        using var client = new ImapClient();
        _transport.Configure(client);
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, _transport.SocketOptions, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"The IMAP server {ServerName} does not answer: {ex.GetType().Name}: {ex.Message}";
        }
    }
}
