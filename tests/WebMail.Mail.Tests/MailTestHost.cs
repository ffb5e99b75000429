using MailKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sessions;
using WebMail.Testing;

namespace WebMail.Mail.Tests;

/// <summary>A pool wired to the real local Dovecot, with every test.example user signed in.</summary>
public sealed class MailTestHost : IAsyncDisposable
{
    public MailTestHost(int closeAfterSeconds = 300, Func<IProtocolLogger>? protocolLogger = null, int? port = null, int timeoutSeconds = 10, string host = MailStack.Host, FolderOptions? folders = null, int idleRearmSeconds = 540, int maxReconnectDelayMilliseconds = 500)
    {
        var imap = Options.Create(new ImapOptions { Host = host, Port = port ?? MailStack.ImapPort, Security = MailSecurity.None, TimeoutSeconds = timeoutSeconds });
        Connector = new ImapConnector(imap, NullLogger<ImapConnector>.Instance) { ProtocolLoggerFactory = protocolLogger };
        Credentials = new TestCredentials();
        Pool = new ImapSessionPool(Connector, Credentials, Options.Create(new MailSessionOptions { CloseAfterSeconds = closeAfterSeconds, MaxReconnectDelayMilliseconds = maxReconnectDelayMilliseconds, IdleRearmSeconds = idleRearmSeconds }), NullLoggerFactory.Instance, folders: Options.Create(folders ?? new FolderOptions()));
    }

    public ImapConnector Connector { get; }

    public ImapSessionPool Pool { get; }

    public TestCredentials Credentials { get; }

    public ValueTask DisposeAsync() => Pool.DisposeAsync();

    /// <summary>Signs in every user with the test password, unless told otherwise.</summary>
    public sealed class TestCredentials : IMailCredentialSource
    {
        public HashSet<string> SignedOut { get; } = new(StringComparer.OrdinalIgnoreCase);

        public ValueTask<MailCredential?> GetCredentialAsync(string userName, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<MailCredential?>(SignedOut.Contains(userName) ? null : new PasswordCredential(userName, MailStack.TestPassword));
    }
}

/// <summary>One mailbox seeded with the whole of Alice's fixture corpus, shared by the read-only query tests.</summary>
public sealed class SeededMailbox : IAsyncLifetime
{
    public string User { get; } = MailStack.NewUser("corpus");

    public MailTestHost Host { get; } = new();

    public IReadOnlyList<CorpusMessage> Messages { get; } = Corpus.All.Where(m => m.Owner == "alice").ToList();

    public async Task InitializeAsync() => await Seeder.SeedAsync(User, MailStack.TestPassword, Messages);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
