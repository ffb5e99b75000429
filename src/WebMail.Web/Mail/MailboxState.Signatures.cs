using WebMail.Mail.Model;
using WebMail.Mail.Signatures;

namespace WebMail.Web.Mail;

public sealed partial class MailboxState
{
    /// <summary>Checks an open message's signature (null when it is not signed); the message is fetched only when it is signed.</summary>
    public async Task<SignatureStatus?> CheckSignatureAsync(MessageView message, SignatureVerifier verifier, CancellationToken cancellationToken = default) =>
        await (await SessionAsync()).Signatures.CheckAsync(message, verifier, cancellationToken);
}
