using System.Diagnostics;
using MimeKit;
using MimeKit.IO;
using WebMail.Mail.Diagnostics;

namespace WebMail.Mail.Sending;

/// <summary>A submission as a span ("smtp send": recipient count, size bucket, result) and a duration by result; never an address or a subject.</summary>
public sealed partial class SmtpSender
{
    /// <summary>Sends <paramref name="message"/> as <paramref name="userName"/> to the recipients in its headers.</summary>
    public async Task SendAsync(string userName, MimeMessage message, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = MailTelemetry.StartCommand("smtp", "send");
        if (activity is not null)
        {
            activity.SetTag("smtp.recipients", message.To.Mailboxes.Count() + message.Cc.Mailboxes.Count() + message.Bcc.Mailboxes.Count());
            activity.SetTag("smtp.message.size", MailTelemetry.SizeBucket(Measure(message)));
        }

        var result = "sent";
        try
        {
            await SubmitAsync(userName, message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            result = ex switch
            {
                MailAuthenticationException => "auth_failed",
                MailCommandException => "refused",
                _ => MailTelemetry.ResultOf(ex),
            };
            MailTelemetry.Failed(activity, ex);
            throw;
        }
        finally
        {
            activity?.SetTag("smtp.result", result);
            MailTelemetry.SmtpSendDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("result", result));
        }
    }

    private static long Measure(MimeMessage message)
    {
        using var measure = new MeasuringStream();
        message.WriteTo(measure);
        return measure.Length;
    }
}
