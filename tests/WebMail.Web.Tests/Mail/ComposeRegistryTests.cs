using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebMail.Mail.Compose;
using WebMail.Mail.Configuration;
using WebMail.Mail.Credentials;
using WebMail.Mail.Html;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Mail;

/// <summary>Closed compose tabs: what they left is saved, a late beacon still lands, and their attachment folder goes whatever happens.</summary>
public sealed class ComposeRegistryTests : IAsyncDisposable
{
    private readonly MovableClock _clock = new();
    private readonly SignedOutOrPassword _credentials = new();
    private readonly ImapSessionPool _pool;
    private readonly ComposeRegistry _registry;

    public ComposeRegistryTests()
    {
        var imap = Options.Create(new ImapOptions { Host = MailStack.Host, Port = MailStack.ImapPort, Security = MailSecurity.None, TimeoutSeconds = 10 });
        _pool = new ImapSessionPool(new ImapConnector(imap, NullLogger<ImapConnector>.Instance), _credentials, Options.Create(new MailSessionOptions()), NullLoggerFactory.Instance);
        var drafts = new ComposeDrafts(_pool, new MailHtmlSanitizer(), _clock, NullLogger<ComposeDrafts>.Instance);
        _registry = new ComposeRegistry(drafts, _clock, Options.Create(new ComposeOptions { ClosedTabGraceSeconds = 30 }), NullLogger<ComposeRegistry>.Instance);
    }

    [Fact]
    public async Task ClosedTab_SaveFails_AttachmentFolderStillRemovedAfterTheGraceTime()
    {
        var user = MailStack.NewUser("closed");
        _credentials.SignedOut.Add(user);
        var session = await OpenWithAttachmentAsync(user);

        await _registry.ReleaseAsync(session, save: true);
        Assert.True(Directory.Exists(session.TempDirectory), "a late beacon may still need the attachments");
        _clock.Advance(TimeSpan.FromSeconds(31));
        await _registry.SweepAsync(CancellationToken.None);

        Assert.False(Directory.Exists(session.TempDirectory));
        Assert.Null(_registry.Find(user, session.Id));
    }

    [Fact]
    public async Task ClosedTab_LateBeacon_LandsInItsDraftWithTheAttachment()
    {
        var user = MailStack.NewUser("closed");
        var session = await OpenWithAttachmentAsync(user);
        await _registry.ReleaseAsync(session, save: true);

        var late = _registry.Find(user, session.Id);
        Assert.Same(session, late);
        Assert.True(late!.ApplyBeacon(new ComposeBeacon
        {
            Id = session.Id,
            Instance = session.Instance,
            BaseRevision = session.Revision,
            Version = 1,
            TextStart = 5,
            TextRemoved = 0,
            TextInsert = " and the last words",
            Subject = "Closed",
        }));
        Assert.True(await new ComposeDrafts(_pool, new MailHtmlSanitizer(), _clock, NullLogger<ComposeDrafts>.Instance).SaveAsync(late));

        using var lease = _pool.Lease(user);
        var reopened = await lease.Session.Drafts.OpenDraftAsync((await lease.Session.Drafts.FindDraftAsync(session.Id))!.Value, Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));
        Assert.Equal("First and the last words", reopened.TextBody.Trim());
        Assert.Equal("notes.txt", Assert.Single(reopened.Attachments).FileName);
        Assert.Single((await lease.Session.Messages.GetMessagesAsync("Drafts", 0, 10)).Rows);
    }

    [Fact]
    public async Task Shutdown_UnsavedTabsSavedAndEveryAttachmentFolderRemoved()
    {
        var (saved, refused) = (MailStack.NewUser("open"), MailStack.NewUser("open"));
        _credentials.SignedOut.Add(refused);
        var one = await OpenWithAttachmentAsync(saved);
        var two = await OpenWithAttachmentAsync(refused);

        await _registry.FlushAllAsync(CancellationToken.None);

        using var lease = _pool.Lease(saved);
        Assert.NotNull(await lease.Session.Drafts.FindDraftAsync(one.Id));
        Assert.False(one.IsDirty);
        Assert.False(Directory.Exists(one.TempDirectory));
        Assert.False(Directory.Exists(two.TempDirectory));
    }

    public async ValueTask DisposeAsync() => await _pool.DisposeAsync();

    private async Task<ComposeSession> OpenWithAttachmentAsync(string user)
    {
        var session = await _registry.OpenAsync(user, Guid.NewGuid(), ComposeRegistry.NewTempDirectory());
        session.Load(Draft.Empty(user) with { Subject = "Closed", TextBody = "First" }, rich: false, html: "");
        Directory.CreateDirectory(session.TempDirectory);
        var path = Path.Combine(session.TempDirectory, "a");
        await File.WriteAllTextAsync(path, "n");
        session.AddAttachment(new DraftAttachment("notes.txt", "text/plain", path, 1));
        return session;
    }

    private sealed class MovableClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }

    private sealed class SignedOutOrPassword : IMailCredentialSource
    {
        public HashSet<string> SignedOut { get; } = new(StringComparer.OrdinalIgnoreCase);

        public ValueTask<MailCredential?> GetCredentialAsync(string userName, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<MailCredential?>(SignedOut.Contains(userName) ? null : new PasswordCredential(userName, MailStack.TestPassword));
    }
}
