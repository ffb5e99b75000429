namespace WebMail.Mail.Sieve;

/// <summary>The ManageSieve server refused a command (NO); <see cref="ServerMessage"/> is its reason, e.g. a script's syntax errors.</summary>
public sealed class SieveCommandException(string command, string? code, string serverMessage)
    : MailException(MailFailure.Of(MailFailureKind.FilterRefused, command, serverMessage))
{
    /// <summary>The command that was refused (PUTSCRIPT, SETACTIVE...).</summary>
    public string Command { get; } = command;

    /// <summary>The response code, e.g. NONEXISTENT, QUOTA/MAXSIZE, or null.</summary>
    public string? Code { get; } = code;

    /// <summary>The server's own words, as it sent them (several lines for syntax errors).</summary>
    public string ServerMessage { get; } = serverMessage;
}
