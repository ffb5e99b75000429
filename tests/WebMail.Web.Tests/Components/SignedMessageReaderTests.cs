using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Mail.Signatures;
using WebMail.Testing;
using WebMail.Web.Components.Mail;

namespace WebMail.Web.Tests.Components;

/// <summary>The reader with a signed message from the real Dovecot: the badge sits with the sender, the signature is no attachment.</summary>
public sealed class SignedMessageReaderTests : MailComponentContext
{
    private readonly TestCertificateAuthority _authority = new();

    public SignedMessageReaderTests()
        : base(Array.Empty<CorpusMessage>())
    {
        var options = new SignatureOptions { TrustedRootsPath = _authority.WriteRootPem() };
        Services.AddSingleton(new SignatureVerifier(TrustedRoots.Load(options), options, TimeProvider.System, NullLogger<SignatureVerifier>.Instance));
    }

    [Fact]
    public async Task Open_SignedByTrustedCertificate_BadgeInTheHeaderAndNoSignatureAttachment()
    {
        using var alice = _authority.Issue("alice@example.com");
        await MailStack.DeliverAsync(await SignedMail.SmimeAsync(alice, "alice@example.com", User, "Signed minutes", "Minutes attached below."), User);
        await MailStack.WaitForInboxAsync(User, 1);
        var id = await OnlyMessageAsync();

        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));

        var badge = cut.WaitForElement(".message-header .signature-valid", TimeSpan.FromSeconds(15));
        Assert.Equal("Signed by alice@example.com", badge.QuerySelector(".signature-headline")!.TextContent);
        Assert.Empty(cut.FindAll("[aria-label='Attachments']"));
        Assert.Contains("Minutes attached below.", cut.Find(".text-body").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_UnsignedMessage_NoBadge()
    {
        await Seeder.SeedAsync(User, MailStack.TestPassword, [Corpus.File("plain-text-urls-and-escaping.eml")]);
        var id = await OnlyMessageAsync();

        var cut = Render<MessageReader>(p => p.Add(c => c.Id, id));

        cut.WaitForElement(".text-body", TimeSpan.FromSeconds(15));
        Assert.Empty(cut.FindAll(".signature-badge"));
    }

    private async Task<MessageRef> OnlyMessageAsync()
    {
        using var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User);
        return Assert.Single((await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10)).Rows).Id;
    }

    protected override void Dispose(bool disposing)
    {
        _authority.Dispose();
        base.Dispose(disposing);
    }
}
