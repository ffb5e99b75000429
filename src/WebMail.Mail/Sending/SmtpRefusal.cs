using System.Text.RegularExpressions;
using MailKit.Net.Smtp;

namespace WebMail.Mail.Sending;

/// <summary>The sentence for an SMTP refusal, in the server's own words.</summary>
internal static partial class SmtpRefusal
{
    /// <summary>
    /// "The mail server refused to send this as x@y: Sender address rejected: not owned by user z" when the server
    /// refused the sender (at MAIL FROM, or, like Postfix's sender restrictions, at RCPT TO), otherwise "The outgoing
    /// mail server refused the message: …". The enhanced status code (5.7.1) is left out.
    /// </summary>
    public static MailFailure Describe(SmtpCommandException exception)
    {
        var text = EnhancedCode().Replace(exception.Message.Trim(), "");
        if (SenderRejected().Match(text) is { Success: true } rejected)
        {
            return MailFailure.Of(MailFailureKind.SenderRefused, rejected.Groups["address"].Value, rejected.Groups["reason"].Value);
        }

        if (exception.ErrorCode == SmtpErrorCode.SenderNotAccepted && exception.Mailbox is { } sender)
        {
            var reason = text.StartsWith($"<{sender.Address}>:", StringComparison.OrdinalIgnoreCase) ? text[(sender.Address.Length + 3)..].Trim() : text;
            return MailFailure.Of(MailFailureKind.SenderRefused, sender.Address, reason);
        }

        return MailFailure.Of(MailFailureKind.MessageRefused, exception.Message);
    }

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3}\s+")]
    private static partial Regex EnhancedCode();

    [GeneratedRegex(@"^<(?<address>[^>]*)>:\s*(?<reason>Sender address rejected:.*)$", RegexOptions.Singleline)]
    private static partial Regex SenderRejected();
}
