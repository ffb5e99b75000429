using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Signatures;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Signatures;

/// <summary>Signed messages made now, delivered through Postfix into Dovecot, opened and checked through the user's session.</summary>
public sealed class SignatureVerificationTests : IClassFixture<SigningAuthority>, IAsyncLifetime
{
    private const string Alice = "alice@example.com";
    private const string Text = "The quarterly figures are attached to the wiki page.\nTotal: 1,250 EUR.";

    private readonly SigningAuthority _authority;
    private readonly string _user = MailStack.NewUser("smime");
    private readonly MailTestHost _host = new();

    public SignatureVerificationTests(SigningAuthority authority) => _authority = authority;

    [Fact]
    public async Task Check_SignedByCertificateFromTrustedRoot_ValidSignedBySender()
    {
        var message = await SignedMail.SmimeAsync(_authority.Alice, Alice, _user, "Signed figures", Text);

        var (view, status) = await DeliverAndCheckAsync(message);

        Assert.Equal(SignatureVerdict.Valid, status.Verdict);
        Assert.Equal(SignatureKind.Smime, status.Kind);
        Assert.Equal(Alice, status.SignerEmail);
        Assert.False(status.CertificateExpired);
        Assert.Equal(Fingerprint(_authority.Alice), status.Certificate!.Sha256Fingerprint);
        Assert.Equal([Alice], status.Certificate.Emails);
        Assert.Contains("WebMail Test Root CA", status.Certificate.Issuer, StringComparison.Ordinal);
        Assert.Contains("1,250 EUR", view.Body.Text, StringComparison.Ordinal);
        Assert.Empty(view.Attachments); // smime.p7s is the signature, not an attachment
    }

    [Fact]
    public async Task Check_BodyChangedAfterSigning_InvalidSaysChanged()
    {
        var message = await SignedMail.SmimeAsync(_authority.Alice, Alice, _user, "Signed figures", Text);
        var tampered = SignedMail.Tampered(message, "1,250 EUR", "9,250 EUR");

        var (view, status) = await DeliverAndCheckAsync(tampered);

        Assert.Contains("9,250 EUR", view.Body.Text, StringComparison.Ordinal);
        Assert.Equal(SignatureVerdict.Invalid, status.Verdict);
        Assert.Equal("The message was changed after it was signed.", status.Problem);
    }

    [Fact]
    public async Task Check_SelfSignedCertificate_UnknownSignerSelfSigned()
    {
        using var selfSigned = TestCertificateAuthority.SelfSigned(Alice);
        var message = await SignedMail.SmimeAsync(selfSigned, Alice, _user, "Self-signed", Text);

        var (_, status) = await DeliverAndCheckAsync(message);

        Assert.Equal(SignatureVerdict.UnknownSigner, status.Verdict);
        Assert.Equal(UntrustedReason.SelfSigned, status.UntrustedBecause);
        Assert.Equal(Fingerprint(selfSigned), status.Certificate!.Sha256Fingerprint);
    }

    [Fact]
    public async Task Check_CertificateFromRootNotConfigured_UnknownSignerUntrustedIssuer()
    {
        using var other = new TestCertificateAuthority("Somebody Else's CA");
        using var signer = other.Issue(Alice);
        var message = await SignedMail.SmimeAsync(signer, Alice, _user, "Other CA", Text);

        var (_, status) = await DeliverAndCheckAsync(message);

        Assert.Equal(SignatureVerdict.UnknownSigner, status.Verdict);
        Assert.Equal(UntrustedReason.UntrustedIssuer, status.UntrustedBecause);
    }

    [Fact]
    public async Task Check_CertificateOfAnotherAddress_UnknownSignerEmailMismatch()
    {
        var message = await SignedMail.SmimeAsync(_authority.Alice, "mallory@example.com", _user, "Not from Alice", Text);

        var (_, status) = await DeliverAndCheckAsync(message);

        Assert.Equal(SignatureVerdict.UnknownSigner, status.Verdict);
        Assert.Equal(UntrustedReason.EmailMismatch, status.UntrustedBecause);
        Assert.Equal(Alice, status.SignerEmail);
    }

    [Fact]
    public async Task Check_CertificateExpiredSinceSigning_ValidWithExpiryNoted()
    {
        using var expired = _authority.Authority.Issue(Alice, DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddYears(-1));
        var message = await SignedMail.SmimeAsync(expired, Alice, _user, "Signed last year", Text, signedAt: DateTimeOffset.UtcNow.AddMonths(-18));

        var (_, status) = await DeliverAndCheckAsync(message);

        Assert.Equal(SignatureVerdict.Valid, status.Verdict);
        Assert.True(status.CertificateExpired);
        Assert.True(status.SignedAt < DateTimeOffset.UtcNow.AddMonths(-17));
    }

    [Fact]
    public async Task Check_SignedWithCertificateAlreadyExpired_UnknownSignerNotValidWhenSigned()
    {
        using var expired = _authority.Authority.Issue(Alice, DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddYears(-1));
        var message = await SignedMail.SmimeAsync(expired, Alice, _user, "Signed today, expired", Text);

        var (_, status) = await DeliverAndCheckAsync(message);

        Assert.Equal(SignatureVerdict.UnknownSigner, status.Verdict);
        Assert.Equal(UntrustedReason.NotValidWhenSigned, status.UntrustedBecause);
        Assert.True(status.CertificateExpired);
    }

    [Fact]
    public async Task Check_OpaqueSignedData_Valid()
    {
        var message = await SignedMail.SmimeAsync(_authority.Alice, Alice, _user, "Opaque", Text, opaque: true);

        var (view, status) = await DeliverAndCheckAsync(message);

        Assert.Equal(SignatureKind.SmimeOpaque, view.Signed!.Kind);
        Assert.Equal(SignatureVerdict.Valid, status.Verdict);
        Assert.Equal("smime.p7m", Assert.Single(view.Attachments).FileName); // the content is inside the signature: still offered
    }

    [Fact]
    public async Task Check_ListFooterAddedAfterSignedPart_SignedPartStillValid()
    {
        var signed = await SignedMail.SmimeAsync(_authority.Alice, Alice, _user, "Via a list", Text);
        var footer = new TextPart("plain") { Text = "You are on the team list. Unsubscribe: list@example.com" };
        signed.Body = new Multipart("mixed") { signed.Body!, footer };

        var (view, status) = await DeliverAndCheckAsync(signed);

        Assert.Equal("1", view.Signed!.PartId);
        Assert.Equal(SignatureVerdict.Valid, status.Verdict);
    }

    [Fact]
    public async Task Check_PgpMime_NotVerifiedWithKeyIdAndFingerprint()
    {
        var message = SignedMail.Pgp(Alice, _user, "PGP signed", Text, out var keyId, out var fingerprint);

        var (view, status) = await DeliverAndCheckAsync(message);

        Assert.Equal(SignatureKind.OpenPgp, status.Kind);
        Assert.Equal(SignatureVerdict.NotVerified, status.Verdict);
        Assert.Equal(keyId, status.PgpKeyId);
        Assert.Equal(fingerprint, status.PgpFingerprint!.Replace(" ", "", StringComparison.Ordinal));
        Assert.Empty(view.Attachments); // signature.asc is the signature, not an attachment
    }

    [Fact]
    public async Task Check_LargerThanTheCap_TooLargeWithoutFetching()
    {
        var message = await SignedMail.SmimeAsync(_authority.Alice, Alice, _user, "Big", Text + new string('x', 200 * 1024));
        var small = _authority.Verifier(maxBytes: 64 * 1024);

        var (_, status) = await DeliverAndCheckAsync(message, small);

        Assert.Equal(SignatureVerdict.TooLarge, status.Verdict);
    }

    [Fact]
    public async Task Check_UnsignedMessage_NothingToCheck()
    {
        var plain = new MimeMessage { Subject = "Plain" };
        plain.From.Add(MailboxAddress.Parse(Alice));
        plain.To.Add(MailboxAddress.Parse(_user));
        plain.Body = new TextPart("plain") { Text = Text };
        await MailStack.DeliverAsync(plain, _user);
        await MailStack.WaitForInboxAsync(_user, 1);
        using var lease = _host.Pool.Lease(_user);
        var view = await OpenOnlyAsync(lease.Session);

        Assert.Null(view.Signed);
        Assert.Null(await lease.Session.Signatures.CheckAsync(view, _authority.Verifier()));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<(MessageView View, SignatureStatus Status)> DeliverAndCheckAsync(MimeMessage message, SignatureVerifier? verifier = null)
    {
        await MailStack.DeliverAsync(message, _user);
        await MailStack.WaitForInboxAsync(_user, 1);
        using var lease = _host.Pool.Lease(_user);
        var view = await OpenOnlyAsync(lease.Session);
        Assert.NotNull(view.Signed);
        var status = await lease.Session.Signatures.CheckAsync(view, verifier ?? _authority.Verifier());
        return (view, status!);
    }

    private static async Task<MessageView> OpenOnlyAsync(WebMail.Mail.Sessions.UserMailSession session)
    {
        var row = Assert.Single((await session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows);
        var view = await session.Messages.GetMessageAsync(row.Id);
        Assert.Equal(view.Attachments.Count > 0, row.HasAttachments);
        return view;
    }

    private static string Fingerprint(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        string.Join(':', certificate.GetCertHashString(HashAlgorithmName.SHA256).Chunk(2).Select(pair => new string(pair)));
}

/// <summary>One test CA for the class, its root configured as the operator's extra root, and Alice's certificate from it.</summary>
public sealed class SigningAuthority : IDisposable
{
    public SigningAuthority()
    {
        RootPath = Authority.WriteRootPem();
        Alice = Authority.Issue("alice@example.com");
    }

    public TestCertificateAuthority Authority { get; } = new();

    public System.Security.Cryptography.X509Certificates.X509Certificate2 Alice { get; }

    public string RootPath { get; }

    /// <summary>A verifier as the app builds it: Debian's roots plus the test CA's.</summary>
    public SignatureVerifier Verifier(long maxBytes = 25 * 1024 * 1024)
    {
        var options = new SignatureOptions { TrustedRootsPath = RootPath, MaxSignedMessageBytes = maxBytes };
        return new SignatureVerifier(TrustedRoots.Load(options), options, TimeProvider.System, NullLogger<SignatureVerifier>.Instance);
    }

    public void Dispose()
    {
        Alice.Dispose();
        Authority.Dispose();
    }
}
