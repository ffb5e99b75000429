using System.Text;
using MailKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sessions;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sessions;

/// <summary>
/// The user's own address reaches the IMAP server (IMAP ID "x-originating-ip" before LOGIN), so Dovecot's log and
/// its per-address failure penalties name the user, not WebMail. Dovecot trusts it on the 127.0.0.1 listener only
/// (login_trusted_networks in dovecot.conf.in).
/// </summary>
public sealed class OriginatingAddressTests
{
    private const string UserAddress = "203.0.113.7";

    [Fact]
    public async Task Connect_WithClientAddress_SendsIdBeforeLogin()
    {
        var lines = new ClientLines();

        using var client = await Connector(MailStack.Host, lines).ConnectAsync(new PasswordCredential(MailStack.NewUser("rip"), MailStack.TestPassword, UserAddress));

        var id = lines.Commands.FindIndex(l => l.StartsWith("ID ", StringComparison.Ordinal));
        var login = lines.Commands.FindIndex(l => l.StartsWith("AUTHENTICATE ", StringComparison.Ordinal) || l.StartsWith("LOGIN ", StringComparison.Ordinal));
        Assert.InRange(id, 0, login - 1);
        Assert.Contains("\"x-originating-ip\" \"203.0.113.7\"", lines.Commands[id], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WithoutClientAddress_SendsNoId()
    {
        var lines = new ClientLines();

        using var client = await Connector(MailStack.Host, lines).ConnectAsync(new PasswordCredential(MailStack.NewUser("rip"), MailStack.TestPassword));

        Assert.True(client.IsAuthenticated);
        Assert.DoesNotContain(lines.Commands, l => l.StartsWith("ID ", StringComparison.Ordinal));
    }

    // Needs the mail stack started with this branch's dovecot.conf.in (login_trusted_networks on 127.0.0.1).
    [Fact]
    public async Task Connect_WithClientAddress_DovecotLogsTheUsersAddress()
    {
        var user = MailStack.NewUser("rip");

        using var client = await Connector(MailStack.Host, new ClientLines()).ConnectAsync(new PasswordCredential(user, MailStack.TestPassword, UserAddress));

        Assert.Equal(UserAddress, await LoggedRemoteAddressAsync(user));
    }

    [Fact]
    public async Task Connect_ToAnUntrustedListener_DovecotIgnoresTheClaimedAddress()
    {
        var user = MailStack.NewUser("rip");

        // 127.0.0.2 is outside the trusted scope: anyone could claim any address there.
        using var client = await Connector(MailStack.CompatHost, new ClientLines()).ConnectAsync(new PasswordCredential(user, MailStack.TestPassword, UserAddress));

        Assert.Equal("127.0.0.1", await LoggedRemoteAddressAsync(user));
    }

    private static ImapConnector Connector(string host, ClientLines lines) =>
        new(Options.Create(new ImapOptions { Host = host, Port = MailStack.ImapPort, Security = MailSecurity.None, TimeoutSeconds = 10 }), NullLogger<ImapConnector>.Instance)
        {
            ProtocolLoggerFactory = () => lines,
        };

    /// <summary>The rip= of the user's login line in Dovecot's log (written by Dovecot's log process, so it may trail the login a little).</summary>
    private static async Task<string> LoggedRemoteAddressAsync(string user)
    {
        var marker = $"Login: user=<{user}>, method=";
        var log = Path.Combine(MailStack.StackDirectory, "log", "dovecot.log");
        for (var deadline = DateTime.UtcNow.AddSeconds(10); ; await Task.Delay(50))
        {
            await using (var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                stream.Seek(Math.Max(0, stream.Length - (4 << 20)), SeekOrigin.Begin);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (line.Contains(marker, StringComparison.Ordinal) && line.IndexOf(", rip=", StringComparison.Ordinal) is var at and >= 0)
                    {
                        var start = at + ", rip=".Length;
                        return line[start..line.IndexOf(',', start)];
                    }
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Dovecot logged no login for {user} within 10 s");
            }
        }
    }

    /// <summary>The client's command lines, tag stripped (the test password is a public constant).</summary>
    private sealed class ClientLines : IProtocolLogger
    {
        private readonly List<string> _commands = [];

        public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

        public List<string> Commands
        {
            get
            {
                lock (_commands)
                {
                    return [.. _commands];
                }
            }
        }

        public void LogClient(byte[] buffer, int offset, int count)
        {
            foreach (var line in Encoding.ASCII.GetString(buffer, offset, count).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
            {
                lock (_commands)
                {
                    _commands.Add(line.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? line[(space + 1)..] : line);
                }
            }
        }

        public void LogConnect(Uri uri)
        {
        }

        public void LogServer(byte[] buffer, int offset, int count)
        {
        }

        public void Dispose()
        {
        }
    }
}
