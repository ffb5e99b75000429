using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sending;
using WebMail.Mail.Sessions;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sessions;

/// <summary>
/// A refused server certificate is reported as a certificate problem that says which one, for IMAP and SMTP,
/// against the stack's real Dovecot and Postfix (self-signed, and reached under a name it is not for) and a
/// TLS server with an expired certificate. The host and port go to the log, never into the sentence.
/// </summary>
public sealed class CertificateProblemTests
{
    private const string SelfSigned = "The mail server's certificate is not trusted: self-signed.";
    private const string WrongHost = "The mail server's certificate is for another host name.";
    private const string Expired = "The mail server's certificate has expired.";

    [Theory]
    [InlineData(MailSecurity.SslOnConnect)]
    [InlineData(MailSecurity.StartTls)]
    public async Task ImapConnect_StackCertificateNotTrusted_SaysSelfSignedAndLogsServer(MailSecurity security)
    {
        var port = security == MailSecurity.SslOnConnect ? MailStack.ImapsPort : MailStack.ImapPort;
        var log = new ListLogger<ImapConnector>();

        var ex = await Assert.ThrowsAsync<MailCertificateException>(() => Imap(MailStack.Host, port, security, log).ConnectAsync(Password()));

        Assert.Equal(SelfSigned, ex.Message);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Contains($"127.0.0.1:{port}", StringComparison.Ordinal) && l.Contains("SelfSigned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImapConnect_AddressTheCertificateIsNotFor_SaysAnotherHostName()
    {
        // The stack's certificate names localhost and 127.0.0.1; the same Dovecot reached as 127.0.0.2 is not it.
        await using var relay = new TcpRelay(MailStack.Host, MailStack.ImapsPort, IPAddress.Parse("127.0.0.2"));

        var ex = await Assert.ThrowsAsync<MailCertificateException>(() => Imap("127.0.0.2", relay.Port, MailSecurity.SslOnConnect).ConnectAsync(Password()));

        Assert.Equal(WrongHost, ex.Message);
    }

    [Fact]
    public async Task ImapConnect_TrustedCertificateConfigured_LogsIn()
    {
        var imap = new ImapConnector(
            Options.Create(new ImapOptions { Host = MailStack.Host, Port = MailStack.ImapsPort, Security = MailSecurity.SslOnConnect, TrustedCertificatePath = MailStack.CertificatePath }),
            new ListLogger<ImapConnector>());

        using var client = await imap.ConnectAsync(Password());

        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task ImapConnect_ExpiredCertificate_SaysExpired()
    {
        await using var server = new ExpiredTlsServer();

        var ex = await Assert.ThrowsAsync<MailCertificateException>(() => Imap(MailStack.Host, server.Port, MailSecurity.SslOnConnect).ConnectAsync(Password()));

        Assert.Equal(Expired, ex.Message);
    }

    [Fact]
    public async Task SmtpSend_StackCertificateNotTrusted_SaysSelfSignedNotSent()
    {
        var user = MailStack.NewUser("from");
        var log = new ListLogger<SmtpSender>();

        var ex = await Assert.ThrowsAsync<MailCertificateException>(() => Smtp(MailStack.Host, MailStack.SubmissionPort, MailSecurity.StartTls, log).SendAsync(user, Sending.SmtpSenderTests.Message(user, MailStack.NewUser("to"), "x")));

        Assert.Equal("The outgoing mail server's certificate is not trusted: self-signed. Your message was not sent.", ex.Message);
        Assert.Contains(log.Lines, l => l.Contains($"127.0.0.1:{MailStack.SubmissionPort}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SmtpSend_AddressTheCertificateIsNotFor_SaysAnotherHostName()
    {
        var user = MailStack.NewUser("from");
        await using var relay = new TcpRelay(MailStack.Host, MailStack.SubmissionPort, IPAddress.Parse("127.0.0.2"));

        var ex = await Assert.ThrowsAsync<MailCertificateException>(() => Smtp("127.0.0.2", relay.Port, MailSecurity.StartTls).SendAsync(user, Sending.SmtpSenderTests.Message(user, MailStack.NewUser("to"), "x")));

        Assert.Equal("The outgoing mail server's certificate is for another host name. Your message was not sent.", ex.Message);
    }

    [Fact]
    public async Task SmtpSend_ExpiredCertificate_SaysExpired()
    {
        var user = MailStack.NewUser("from");
        await using var server = new ExpiredTlsServer();

        var ex = await Assert.ThrowsAsync<MailCertificateException>(() => Smtp(MailStack.Host, server.Port, MailSecurity.SslOnConnect).SendAsync(user, Sending.SmtpSenderTests.Message(user, MailStack.NewUser("to"), "x")));

        Assert.Equal("The outgoing mail server's certificate has expired. Your message was not sent.", ex.Message);
    }

    [Theory]
    [InlineData(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.NotTimeValid, true, CertificateProblem.WrongHost)]
    [InlineData(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.Revoked, false, CertificateProblem.Revoked)]
    [InlineData(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.PartialChain, false, CertificateProblem.UnknownIssuer)]
    [InlineData(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.UntrustedRoot, true, CertificateProblem.SelfSigned)]
    [InlineData(SslPolicyErrors.RemoteCertificateNotAvailable, X509ChainStatusFlags.NoError, false, CertificateProblem.Missing)]
    [InlineData(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.NotSignatureValid, false, CertificateProblem.Untrusted)]
    public void Classify_NamesTheProblemAUserCanActOnFirst(SslPolicyErrors errors, X509ChainStatusFlags status, bool selfSigned, CertificateProblem expected)
    {
        var now = DateTime.UtcNow;

        Assert.Equal(expected, ServerCertificateCheck.Classify(errors, status, selfSigned, now.AddDays(-1), now.AddDays(1), now));
    }

    [Fact]
    public void Classify_ValidityNotStarted_SaysNotValidYet()
    {
        var now = DateTime.UtcNow;

        var problem = ServerCertificateCheck.Classify(SslPolicyErrors.RemoteCertificateChainErrors, X509ChainStatusFlags.NotTimeValid, true, now.AddDays(1), now.AddDays(30), now);

        Assert.Equal("The mail server's certificate is not valid yet.", ServerCertificateCheck.Describe(problem, "mail server"));
    }

    private static ImapConnector Imap(string host, int port, MailSecurity security, ILogger<ImapConnector>? log = null) =>
        new(Options.Create(new ImapOptions { Host = host, Port = port, Security = security, TimeoutSeconds = 10 }), log ?? new ListLogger<ImapConnector>());

    private static SmtpSender Smtp(string host, int port, MailSecurity security, ILogger<SmtpSender>? log = null) =>
        new(Options.Create(new SmtpOptions { Host = host, Port = port, Security = security, TimeoutSeconds = 10 }), new MailTestHost.TestCredentials(), log ?? new ListLogger<SmtpSender>());

    private static PasswordCredential Password() => new(MailStack.NewUser("cert"), MailStack.TestPassword);

    /// <summary>A TLS endpoint whose certificate (for 127.0.0.1) expired yesterday; it only ever does the handshake.</summary>
    private sealed class ExpiredTlsServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly X509Certificate2 _certificate;
        private readonly Task _loop;

        public ExpiredTlsServer()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
            _listener.Start();
            _loop = ServeAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop;
            _certificate.Dispose();
            _stop.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    await using var tls = new SslStream(client.GetStream());
                    await tls.AuthenticateAsServerAsync(_certificate);
                }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
                catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException)
                {
                    // The client refused the certificate: that is the point.
                }
            }
        }
    }
}
