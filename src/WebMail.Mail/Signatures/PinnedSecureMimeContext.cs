using MimeKit.Cryptography;
using Org.BouncyCastle.Pkix;
using Org.BouncyCastle.Utilities.Collections;
using Org.BouncyCastle.X509;

namespace WebMail.Mail.Signatures;

/// <summary>
/// An S/MIME context for one check: it trusts exactly the configured roots. MimeKit's in-memory context would also
/// trust any self-signed CA certificate a signature brought along (it imports the signer's certificates), so the
/// anchors and intermediates are fixed here; revocation lists are never downloaded.
/// </summary>
internal sealed class PinnedSecureMimeContext(TrustedRoots roots) : TemporarySecureMimeContext
{
    protected override ISet<TrustAnchor> GetTrustedAnchors() => roots.Anchors;

    // Intermediates come from the signature itself (MimeKit adds them when it builds the path), never from earlier messages.
    protected override IStore<X509Certificate> GetIntermediateCertificates() => new X509CertificateStore();
}
