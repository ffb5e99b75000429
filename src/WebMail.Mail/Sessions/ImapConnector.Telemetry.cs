using System.Diagnostics;
using MailKit.Net.Imap;
using WebMail.Mail.Credentials;
using WebMail.Mail.Diagnostics;

namespace WebMail.Mail.Sessions;

/// <summary>Connects as a span ("imap connect", or "imap reconnect" when a session re-opens its lost connection) and counts logins by result.</summary>
public sealed partial class ImapConnector
{
    /// <summary>Connects and logs in; <paramref name="reconnect"/> when a session re-opens a connection it lost.</summary>
    internal async Task<ImapClient> ConnectAsync(MailCredential credential, bool reconnect, CancellationToken cancellationToken)
    {
        using var activity = MailTelemetry.Source.StartActivity(reconnect ? "imap reconnect" : "imap connect", ActivityKind.Client);
        activity?.SetTag("server.address", _options.Host);
        activity?.SetTag("server.port", _options.Port);
        activity?.SetTag("webmail.imap.reconnect", reconnect);
        activity?.SetTag("webmail.credential", credential is OAuthCredential ? "oauth" : "password");
        var result = "ok";
        try
        {
            var client = await ConnectUntracedAsync(credential, cancellationToken).ConfigureAwait(false);
            if (ImapCommandTrace.Of(client)?.Mechanism is { } mechanism)
            {
                activity?.SetTag("imap.auth.mechanism", mechanism);
            }

            return client;
        }
        catch (Exception ex)
        {
            result = MailTelemetry.ResultOf(ex);
            MailTelemetry.Failed(activity, ex);
            throw;
        }
        finally
        {
            activity?.SetTag("webmail.result", result);
            MailTelemetry.ImapLogins.Add(1, new KeyValuePair<string, object?>("result", result), new KeyValuePair<string, object?>("reconnect", reconnect));
        }
    }
}
