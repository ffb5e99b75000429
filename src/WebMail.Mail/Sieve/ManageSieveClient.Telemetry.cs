using WebMail.Mail.Diagnostics;

namespace WebMail.Mail.Sieve;

/// <summary>Every ManageSieve exchange as a span ("managesieve PUTSCRIPT"): the command's name only, never a script or its name.</summary>
public sealed partial class ManageSieveClient
{
    /// <summary>Runs one exchange with the command timeout; a dropped, failed or silent connection becomes <see cref="MailUnavailableException"/>.</summary>
    /// <param name="name">The command's name, a constant of this class ("LISTSCRIPTS", "AUTHENTICATE", "connect").</param>
    private async Task<T> RunAsync<T>(string name, Func<CancellationToken, Task<T>> exchange, CancellationToken cancellationToken)
    {
        using var activity = MailTelemetry.StartCommand("managesieve", name);
        try
        {
            return await RunExchangeAsync(name, exchange, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            MailTelemetry.Failed(activity, ex);
            throw;
        }
    }
}
