using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Sieve;

/// <summary>The connection: connect, STARTTLS, login, and running one command with its timeout.</summary>
public sealed partial class ManageSieveClient
{
    private readonly TcpClient _tcp;
    private readonly TimeSpan _timeout;
    private readonly string _server;
    private Stream _stream;
    private SieveReader _reader;
    private bool _broken;

    private ManageSieveClient(TcpClient tcp, TimeSpan timeout, string server)
    {
        _tcp = tcp;
        _timeout = timeout;
        _server = server;
        _stream = Stream.Null;
        _reader = new SieveReader(_stream);
    }

    /// <summary>Connects to the configured server, upgrades to TLS as configured and logs in with <paramref name="credential"/>.</summary>
    public static async Task<ManageSieveClient> ConnectAsync(SieveOptions options, MailCredential credential, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        var tcp = new TcpClient();
        var client = new ManageSieveClient(tcp, TimeSpan.FromSeconds(options.TimeoutSeconds), options.ServerName);
        try
        {
            await client.RunAsync("connect", async token =>
            {
                await tcp.ConnectAsync(options.Host, options.Port, token).ConfigureAwait(false);
                client._stream = tcp.GetStream();
                client._reader = new SieveReader(client._stream);
                if (options.Security == MailSecurity.SslOnConnect)
                {
                    await client.StartTlsAsync(options, time, token).ConfigureAwait(false);
                }

                client.Capabilities = CapabilitiesOf(await client.ReadResponseAsync("connect", token).ConfigureAwait(false));
                return true;
            }, cancellationToken).ConfigureAwait(false);

            if (options.Security == MailSecurity.StartTls)
            {
                if (!client.Capabilities.StartTls)
                {
                    throw new MailUnavailableException(MailFailure.Of(MailFailureKind.FilterNoStartTls, options.ServerName));
                }

                await client.ExecuteAsync("STARTTLS", Command("STARTTLS"), cancellationToken).ConfigureAwait(false);
                await client.RunAsync("STARTTLS", async token =>
                {
                    await client.StartTlsAsync(options, time, token).ConfigureAwait(false);
                    client.Capabilities = CapabilitiesOf(await client.ReadResponseAsync("STARTTLS", token).ConfigureAwait(false));
                    return true;
                }, cancellationToken).ConfigureAwait(false);
            }

            await client.AuthenticateAsync(options, credential, cancellationToken).ConfigureAwait(false);
            var login = client.Capabilities.SaslMechanisms;
            await client.RefreshCapabilitiesAsync(cancellationToken).ConfigureAwait(false);
            // After login the server lists no SASL mechanisms; keep what it offered to log in with.
            client.Capabilities = client.Capabilities with { SaslMechanisms = login };
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_broken && _tcp.Connected)
        {
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _stream.WriteAsync(Command("LOGOUT"), quick.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // Leaving anyway.
            }
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
    }

    private async Task StartTlsAsync(SieveOptions options, TimeProvider? time, CancellationToken cancellationToken)
    {
        var check = new ServerCertificateCheck(TrustedThumbprint(options), time ?? TimeProvider.System);
        var tls = new SslStream(_stream, false, check.Validate);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.Host }, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException ex) when (check.Problem is { } problem)
        {
            throw new MailCertificateException(MailFailure.Certificate(problem, "filter server"), ex);
        }

        _stream = tls;
        _reader = new SieveReader(tls);
    }

    private static string? TrustedThumbprint(SieveOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.TrustedCertificatePath))
        {
            return null;
        }

        using var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(options.TrustedCertificatePath));
        return trusted.GetCertHashString();
    }

    /// <summary>Sends <paramref name="command"/> and reads up to its final response; NO and BYE become exceptions.</summary>
    private Task<SieveResponse> ExecuteAsync(string name, byte[] command, CancellationToken cancellationToken) =>
        RunAsync(name, async token =>
        {
            await _stream.WriteAsync(command, token).ConfigureAwait(false);
            await _stream.FlushAsync(token).ConfigureAwait(false);
            return await ReadResponseAsync(name, token).ConfigureAwait(false);
        }, cancellationToken);

    private async Task<SieveResponse> ReadResponseAsync(string name, CancellationToken cancellationToken)
    {
        var lines = new List<IReadOnlyList<SieveToken>>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var status = line.Count > 0 && line[0].Kind == SieveTokenKind.Atom ? line[0].Text.ToUpperInvariant() : null;
            if (status is not ("OK" or "NO" or "BYE"))
            {
                lines.Add(line);
                continue;
            }

            var code = line.Skip(1).FirstOrDefault(t => t.Kind == SieveTokenKind.List)?.Items?.FirstOrDefault()?.Text;
            var message = line.Skip(1).LastOrDefault(t => t.Kind == SieveTokenKind.String)?.Text ?? "";
            return status switch
            {
                "OK" => new SieveResponse(lines, code, message),
                "NO" => throw new SieveCommandException(name, code, message.Length > 0 ? message.TrimEnd() : "no reason given"),
                _ => throw Broken(new MailUnavailableException(MailFailure.Of(MailFailureKind.FilterEnded, _server, name, message))),
            };
        }
    }

    /// <summary>The exchange of <see cref="RunAsync{T}"/>, under the command timeout.</summary>
    private async Task<T> RunExchangeAsync<T>(string name, Func<CancellationToken, Task<T>> exchange, CancellationToken cancellationToken)
    {
        if (_broken)
        {
            throw new MailUnavailableException(MailFailure.Of(MailFailureKind.FilterConnectionLost, _server));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            return await exchange(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Broken(new MailUnavailableException(MailFailure.Of(MailFailureKind.FilterNotAnswering, _server, name, (int)Math.Round(_timeout.TotalSeconds)), ex));
        }
        catch (OperationCanceledException)
        {
            _broken = true;
            throw;
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException or ObjectDisposedException)
        {
            var what = ex is SieveConnectionClosedException ? MailFailureKind.FilterClosed : MailFailureKind.FilterUnreachable;
            throw Broken(new MailUnavailableException(MailFailure.Of(what, _server, name), ex));
        }
    }

    private MailUnavailableException Broken(MailUnavailableException ex)
    {
        _broken = true;
        return ex;
    }
}
