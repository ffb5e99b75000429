using System.Text;
using MailKit.Security;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;

namespace WebMail.Mail.Sieve;

/// <summary>AUTHENTICATE with MailKit's SASL mechanisms: PLAIN for a password, OAUTHBEARER or XOAUTH2 for an access token.</summary>
public sealed partial class ManageSieveClient
{
    private async Task AuthenticateAsync(SieveOptions options, MailCredential credential, CancellationToken cancellationToken)
    {
        var mechanism = MechanismFor(options, credential);
        if (!Capabilities.SaslMechanisms.Contains(mechanism.MechanismName))
        {
            throw new MailAuthenticationException($"The filter server {_server} does not offer {mechanism.MechanismName} login (it offers {string.Join(", ", Capabilities.SaslMechanisms)}).");
        }

        await RunAsync("AUTHENTICATE", async token =>
        {
            var initial = mechanism.SupportsInitialResponse ? await mechanism.ChallengeAsync(null, token).ConfigureAwait(false) : null;
            var command = initial is null ? Command("AUTHENTICATE", mechanism.MechanismName) : Command("AUTHENTICATE", mechanism.MechanismName, initial);
            await _stream.WriteAsync(command, token).ConfigureAwait(false);
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
                        throw Broken(new MailUnavailableException($"The filter server {_server} ended the connection during login: {message}"));
                }

                // A server challenge. After our last step (e.g. OAUTHBEARER's error report) the answer is empty: the NO follows.
                var answer = mechanism.IsAuthenticated ? "" : await mechanism.ChallengeAsync(message, token).ConfigureAwait(false);
                await _stream.WriteAsync(Command("", answer).AsMemory(1), token).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    private SaslMechanism MechanismFor(SieveOptions options, MailCredential credential) => credential switch
    {
        PasswordCredential password => new SaslMechanismPlain(password.UserName, password.Password),
        OAuthCredential token when options.OAuthMechanism == OAuthMechanism.OAuthBearer
            || (options.OAuthMechanism == OAuthMechanism.Auto && Capabilities.SaslMechanisms.Contains("OAUTHBEARER"))
            => new SaslMechanismOAuthBearer(token.UserName, token.AccessToken),
        OAuthCredential token => new SaslMechanismOAuth2(token.UserName, token.AccessToken),
        _ => throw new NotSupportedException($"Credential type {credential.GetType().Name} is not supported."),
    };

    private static string Refusal(MailCredential credential, string serverMessage)
    {
        var what = credential is OAuthCredential ? "sign-in token" : "user name and password";
        var reason = serverMessage.Length > 0 ? $" It said: {serverMessage}" : "";
        return new StringBuilder().Append("The filter server refused the ").Append(what).Append('.').Append(reason).ToString();
    }
}
