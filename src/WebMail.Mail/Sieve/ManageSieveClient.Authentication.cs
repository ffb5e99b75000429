using System.Text;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;

namespace WebMail.Mail.Sieve;

/// <summary>AUTHENTICATE with MailKit's SASL mechanisms: PLAIN for a password, OAUTHBEARER or XOAUTH2 for an access token.</summary>
public sealed partial class ManageSieveClient
{
    private async Task AuthenticateAsync(SieveOptions options, MailCredential credential, CancellationToken cancellationToken)
    {
        var (mechanism, initial) = MechanismFor(options, credential);
        if (!Capabilities.SaslMechanisms.Contains(mechanism))
        {
            throw new MailAuthenticationException(MailFailure.Of(MailFailureKind.FilterMechanismMissing, _server, mechanism, string.Join(", ", Capabilities.SaslMechanisms)));
        }

        await RunAsync("AUTHENTICATE", async token =>
        {
            System.Diagnostics.Activity.Current?.SetTag("managesieve.auth.mechanism", mechanism);
            await _stream.WriteAsync(Command("AUTHENTICATE", mechanism, Convert.ToBase64String(Encoding.UTF8.GetBytes(initial))), token).ConfigureAwait(false);
            while (true)
            {
                await _stream.FlushAsync(token).ConfigureAwait(false);
                var line = await _reader.ReadLineAsync(token).ConfigureAwait(false);
                var status = line.Count > 0 && line[0].Kind == SieveTokenKind.Atom ? line[0].Text.ToUpperInvariant() : null;
                var message = line.LastOrDefault(t => t.Kind == SieveTokenKind.String)?.Text ?? "";
                switch (status)
                {
                    case "OK":
                        return true;
                    case "NO":
                        throw new MailAuthenticationException(Refusal(credential, message));
                    case "BYE":
                        throw Broken(new MailUnavailableException(MailFailure.Of(MailFailureKind.FilterEnded, _server, "login", message)));
                }

                // Every mechanism here sends all it has at once: a challenge is an error report (OAUTHBEARER's JSON),
                // answered with the RFC 7628 dummy response (%x01, or empty for the others); the NO follows.
                var answer = mechanism == "OAUTHBEARER" ? "AQ==" : "";
                await _stream.WriteAsync(Command("", answer).AsMemory(1), token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The SASL mechanism and its whole (initial) response, before base64: PLAIN, OAUTHBEARER (RFC 7628) or XOAUTH2.</summary>
    private (string Mechanism, string Response) MechanismFor(SieveOptions options, MailCredential credential) => credential switch
    {
        PasswordCredential password => ("PLAIN", $"\0{password.UserName}\0{password.Password}"),
        OAuthCredential token when options.OAuthMechanism == OAuthMechanism.OAuthBearer
            || (options.OAuthMechanism == OAuthMechanism.Auto && Capabilities.SaslMechanisms.Contains("OAUTHBEARER"))
            => ("OAUTHBEARER", $"n,a={token.UserName.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal)},\u0001auth=Bearer {token.AccessToken}\u0001\u0001"),
        OAuthCredential token => ("XOAUTH2", $"user={token.UserName}\u0001auth=Bearer {token.AccessToken}\u0001\u0001"),
        _ => throw new NotSupportedException($"Credential type {credential.GetType().Name} is not supported."),
    };

    private static MailFailure Refusal(MailCredential credential, string serverMessage) =>
        MailFailure.SignInRefused(credential is OAuthCredential ? MailFailureKind.FilterTokenRefused : MailFailureKind.FilterPasswordRefused, serverMessage);
}
