using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using WebMail.Testing;

namespace WebMail.DevIdentityProvider.Tests;

/// <summary>SASL XOAUTH2 / OAUTHBEARER logins to the running mail stack, as WebMail does them.</summary>
internal static class MailLogins
{
    public static SaslMechanism Mechanism(string mechanism, string user, string token) => mechanism switch
    {
        "XOAUTH2" => new SaslMechanismOAuth2(user, token),
        "OAUTHBEARER" => new SaslMechanismOAuthBearer(user, token),
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "XOAUTH2 or OAUTHBEARER"),
    };

    /// <summary>Logs in to IMAP and returns the name of the INBOX it can open; throws AuthenticationException when refused.</summary>
    public static async Task<string> ImapInboxAsync(string mechanism, string user, string token)
    {
        using var client = new ImapClient();
        await client.ConnectAsync(MailStack.Host, MailStack.ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(Mechanism(mechanism, user, token));
        await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
        var name = client.Inbox.FullName;
        await client.DisconnectAsync(true);
        return name;
    }

    /// <summary>Logs in to submission with the token and sends a note to the user themself.</summary>
    public static async Task SubmitAsync(string mechanism, string user, string token)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(MailStack.Host, MailStack.SubmissionPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(Mechanism(mechanism, user, token));
        using var message = new MimeMessage(
            [MailboxAddress.Parse(user)], [MailboxAddress.Parse(user)], "Sent with an OAuth2 token", new TextPart("plain") { Text = "Hello." });
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    /// <summary>Authentication mechanisms the submission port advertises.</summary>
    public static async Task<HashSet<string>> SubmissionMechanismsAsync()
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(MailStack.Host, MailStack.SubmissionPort, SecureSocketOptions.None);
        var mechanisms = client.AuthenticationMechanisms.ToHashSet(StringComparer.OrdinalIgnoreCase);
        await client.DisconnectAsync(true);
        return mechanisms;
    }
}
