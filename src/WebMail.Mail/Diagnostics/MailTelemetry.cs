using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WebMail.Mail.Diagnostics;

/// <summary>
/// Traces and metrics of the mail servers' commands (README, "Telemetry"): a span per IMAP command ("imap FETCH"),
/// per SMTP submission ("smtp send") and per ManageSieve command ("managesieve PUTSCRIPT"), and their counts and durations.
/// Nothing of the mail goes here: command names, special-use folder roles, counts, size buckets and exception types only,
/// never subjects, addresses, search words, folder names or credentials. With no listener (no <c>OTEL_*</c> settings)
/// <see cref="Source"/> starts no activity and the IMAP wire is not watched at all.
/// </summary>
public static class MailTelemetry
{
    /// <summary>The ActivitySource and Meter name.</summary>
    public const string Name = "WebMail.Mail";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Bucket bounds (seconds) for command and submission durations: a few ms to the command timeout.</summary>
    private static readonly InstrumentAdvice<double> Seconds = new()
    {
        HistogramBucketBoundaries = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    /// <summary>IMAP command round trips (tagged command to tagged answer), by command and result (OK, NO, BAD, lost).</summary>
    internal static readonly Histogram<double> ImapCommandDuration = Meter.CreateHistogram<double>(
        "webmail.imap.command.duration", unit: "s", description: "IMAP commands, from the command sent to the server's tagged answer, by command and result (IDLE excluded)", advice: Seconds);

    /// <summary>IMAP connects with login, by result and whether it re-opened a session's lost connection.</summary>
    internal static readonly Counter<long> ImapLogins = Meter.CreateCounter<long>(
        "webmail.imap.logins", unit: "{login}", description: "IMAP connections opened and logged in, by result (ok, refused, unavailable, certificate) and reconnect (true when a session re-opens a lost connection)");

    /// <summary>SMTP submissions, by result.</summary>
    internal static readonly Histogram<double> SmtpSendDuration = Meter.CreateHistogram<double>(
        "webmail.smtp.send.duration", unit: "s", description: "SMTP submissions (connect, login, send), by result (sent, refused, auth_failed, unavailable, certificate)", advice: Seconds);

    /// <summary>True when someone listens to the spans or the command durations: only then is the IMAP wire watched.</summary>
    internal static bool Watching => Source.HasListeners() || ImapCommandDuration.Enabled;

    /// <summary>A client span "<paramref name="protocol"/> <paramref name="command"/>" (a name from the code, never from the mail), or null when no one listens.</summary>
    internal static Activity? StartCommand(string protocol, string command)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity($"{protocol} {command}", ActivityKind.Client);
        activity?.SetTag($"{protocol}.command", command);
        return activity;
    }

    /// <summary>Marks <paramref name="activity"/> failed with the exception's type only (its message may quote the server or the mail).</summary>
    internal static void Failed(Activity? activity, Exception exception) => Failed(activity, exception.GetType().FullName ?? exception.GetType().Name);

    internal static void Failed(Activity? activity, string errorType)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("error.type", errorType);
        activity.SetStatus(ActivityStatusCode.Error, errorType);
    }

    /// <summary>The result word of a failed mail operation, from the exception WebMail turns it into.</summary>
    internal static string ResultOf(Exception exception) => exception switch
    {
        MailAuthenticationException => "refused",
        MailCertificateException => "certificate",
        MailUnavailableException or OperationCanceledException => "unavailable",
        _ => "error",
    };

    /// <summary>A message size as a coarse bucket ("&lt;100KB"): enough to see large mail, too coarse to tell one message from another.</summary>
    internal static string SizeBucket(long bytes) => bytes switch
    {
        < 10_000 => "<10KB",
        < 100_000 => "<100KB",
        < 1_000_000 => "<1MB",
        < 10_000_000 => "<10MB",
        _ => ">=10MB",
    };
}
