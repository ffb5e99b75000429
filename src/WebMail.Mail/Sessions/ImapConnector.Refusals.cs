using System.Text;
using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;

namespace WebMail.Mail.Sessions;

/// <summary>Why the server refused a login, in words the user (or the administrator) can act on.</summary>
public sealed partial class ImapConnector
{
    /// <summary>Refuses before anything is sent when the server cannot accept this credential as configured.</summary>
    private void CheckCanAuthenticate(ImapClient client, MailCredential credential)
    {
        if (credential is PasswordCredential && !client.IsSecure && (client.Capabilities & ImapCapabilities.LoginDisabled) != 0
            && !client.AuthenticationMechanisms.Any(m => m is "PLAIN" or "LOGIN"))
        {
            LogLoginRefused(_logger, ServerName, "LOGINDISABLED", $"the server refuses passwords before TLS; {ImapOptions.SectionName}:Security is {_options.Security}");
            throw new MailAuthenticationException(MailFailure.Of(MailFailureKind.PasswordsNeedEncryption, ImapOptions.SectionName));
        }

        if (credential is OAuthCredential && !client.AuthenticationMechanisms.Any(m => m is "OAUTHBEARER" or "XOAUTH2"))
        {
            var offered = client.AuthenticationMechanisms.Count == 0 ? "none" : string.Join(' ', client.AuthenticationMechanisms);
            LogLoginRefused(_logger, ServerName, "MECHANISM", $"no OAUTHBEARER or XOAUTH2 offered (offered: {offered})");
            throw new MailAuthenticationException(client.IsSecure || (client.Capabilities & ImapCapabilities.LoginDisabled) == 0
                ? MailFailureKind.NoOAuthMechanism
                : MailFailure.Of(MailFailureKind.SignInNeedsEncryption, ImapOptions.SectionName));
        }
    }

    /// <summary>The sentence for a refused login, from the response code of the server's answer (RFC 5530) and its text.</summary>
    private MailFailure DescribeRefusal(MailCredential credential, string? serverLine, string exceptionText)
    {
        var (code, text) = ParseRefusal(serverLine);
        text = string.IsNullOrWhiteSpace(text) ? exceptionText : text;
        LogLoginRefused(_logger, ServerName, code ?? "NO", text);
        MailFailureKind? kind = code switch
        {
            "UNAVAILABLE" => MailFailureKind.SignInCheckUnavailable,
            "CONTACTADMIN" => MailFailureKind.ContactAdministrator,
            "EXPIRED" => MailFailureKind.Expired,
            "AUTHORIZATIONFAILED" => MailFailureKind.NotAuthorized,
            "INUSE" => MailFailureKind.InUse,
            "LIMIT" => MailFailureKind.TooManyAttempts,
            "NOPERM" => MailFailureKind.NotAllowedHere,
            _ => null,
        };
        return (code, kind) switch
        {
            ("PRIVACYREQUIRED", _) => MailFailure.Of(MailFailureKind.SignInNeedsEncryption, ImapOptions.SectionName),
            (_, { } refusal) => MailFailure.SignInRefused(refusal, text),
            _ => credential is OAuthCredential
                ? MailFailure.Of(MailFailureKind.NoMailbox, credential.UserName)
                : MailFailureKind.WrongPassword,
        };
    }

    /// <summary>The response code and text of a tagged NO/BAD line: "a1 NO [UNAVAILABLE] Temporary failure." → (UNAVAILABLE, Temporary failure.).</summary>
    internal static (string? Code, string? Text) ParseRefusal(string? line)
    {
        if (line is null || RefusalLine().Match(line) is not { Success: true } m)
        {
            return (null, null);
        }

        var code = m.Groups["code"].Success ? m.Groups["code"].Value.ToUpperInvariant() : null;
        var text = m.Groups["text"].Value.Trim();
        return (code, text.Length > 300 ? text[..300] : text);
    }

    [GeneratedRegex(@"^(?!\*)\S+ (?:NO|BAD) (?:\[(?<code>[A-Za-z-]+)[^\]]*\] ?)?(?<text>.*)$", RegexOptions.Multiline)]
    private static partial Regex RefusalLine();

    [LoggerMessage(Level = LogLevel.Information, Message = "IMAP login refused by {Server} ({Code}): {ServerText}")]
    private static partial void LogLoginRefused(ILogger logger, string server, string code, string serverText);

    /// <summary>
    /// Keeps the server's lines while a login runs (only the server's side: what the client sends, the password or
    /// token, never passes through here), so a refusal can be told by its response code, which MailKit does not expose.
    /// </summary>
    internal sealed class LoginTap(IProtocolLogger? inner) : IProtocolLogger
    {
        private readonly StringBuilder _lines = new();

        public bool Listening { get; set; }

        public IAuthenticationSecretDetector? AuthenticationSecretDetector
        {
            get => inner?.AuthenticationSecretDetector;
            set
            {
                if (inner is not null && value is not null)
                {
                    inner.AuthenticationSecretDetector = value;
                }
            }
        }

        /// <summary>The last tagged NO or BAD line the server sent during the login, if any.</summary>
        public string? Refusal => RefusalLine().Matches(_lines.ToString()) is { Count: > 0 } all ? all[^1].Value.TrimEnd('\r') : null;

        public void LogConnect(Uri uri) => inner?.LogConnect(uri);

        public void LogClient(byte[] buffer, int offset, int count) => inner?.LogClient(buffer, offset, count);

        public void LogServer(byte[] buffer, int offset, int count)
        {
            if (Listening && _lines.Length < 8192)
            {
                _lines.Append(Encoding.UTF8.GetString(buffer, offset, Math.Min(count, 8192 - _lines.Length)));
            }

            inner?.LogServer(buffer, offset, count);
        }

        public void Dispose() => inner?.Dispose();
    }
}
