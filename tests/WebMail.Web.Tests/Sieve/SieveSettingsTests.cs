using Bunit;
using MailKit;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebMail.Mail.Configuration;
using WebMail.Mail.Sieve;
using WebMail.Testing;
using WebMail.Web.Components.Pages;

namespace WebMail.Web.Tests.Sieve;

/// <summary>
/// The filters and vacation pages against the stack's real ManageSieve, with mail delivered through Postfix and LMTP
/// (which runs the script): a rule made on the page files the message; the vacation reply goes once per sender.
/// </summary>
public sealed partial class SieveSettingsTests : WebMail.Web.Tests.Components.MailComponentContext
{
    public SieveSettingsTests()
    {
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new SieveOptions
        {
            Host = MailStack.Host,
            Port = MailStack.ManageSievePort,
            Security = MailSecurity.StartTls,
            TrustedCertificatePath = MailStack.CertificatePath,
        }));
        Services.AddSingleton<SieveFilters>();
    }

    [Fact]
    public async Task RuleMadeOnThePage_FilesDeliveredMailIntoItsFolder()
    {
        using (var imap = await MailStack.ConnectAsync(User))
        {
            await imap.GetFolder(imap.PersonalNamespaces[0]).CreateAsync("Invoices", true);
        }

        var page = OpenNewRule("Invoices");
        page.Find("select[aria-label='Condition 1: what to look at']").Change(nameof(RuleField.Subject));
        page.Find("input[aria-label='Condition 1: value']").Change("invoice");
        var folders = page.Find("select[aria-label='Action 1: Folder']");
        Assert.Contains(folders.QuerySelectorAll("option"), o => o.GetAttribute("value") == "INBOX");
        folders.Change("Invoices");
        page.Find("button:contains('Add an action')").Click();
        page.Find("select[aria-label='Action 2: what to do']").Change(nameof(RuleActionKind.Flag));
        page.Find("form[aria-label='Filter rule']").Submit();

        page.WaitForAssertion(() => Assert.Equal("Rule “Invoices” saved.", page.Find("[role=status]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("Invoices", page.Find("[aria-label=Rules] li").GetAttribute("aria-label"));

        await MailStack.DeliverAsync(Message("billing@test.example", "Your invoice 42"), User);
        await MailStack.DeliverAsync(Message("friend@test.example", "Lunch?"), User);
        await MailStack.WaitForInboxAsync(User, 1);

        using var client = await MailStack.ConnectAsync(User);
        var invoices = client.GetFolder("Invoices");
        await WaitAsync(async () =>
        {
            await invoices.StatusAsync(StatusItems.Count);
            return invoices.Count == 1;
        });
        await invoices.OpenAsync(FolderAccess.ReadOnly);
        var filed = await invoices.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.Flags);
        Assert.Equal("Your invoice 42", Assert.Single(filed).Envelope!.Subject);
        Assert.True(filed[0].Flags!.Value.HasFlag(MessageFlags.Flagged));
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal("Lunch?", Assert.Single(await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope)).Envelope!.Subject);
    }

    [Fact]
    public async Task VacationReply_OncePerSenderPerPeriod()
    {
        var (alice, bob) = (MailStack.NewUser("vac-a"), MailStack.NewUser("vac-b"));
        var page = Render<VacationPage>();
        page.WaitForAssertion(() => page.Find("#vacation-on"), TimeSpan.FromSeconds(10));
        page.Find("#vacation-on").Change(true);
        page.Find("#vacation-subject").Change("Out of office");
        page.Find("#vacation-message").Change("Back on Monday.");
        page.Find("#vacation-days").Change("3");
        page.Find("form[aria-label='Vacation reply']").Submit();
        page.WaitForAssertion(() => Assert.Equal("Vacation reply is on.", page.Find("[role=status]").TextContent), TimeSpan.FromSeconds(10));

        await MailStack.DeliverAsync(Message(alice, "First"), User);
        await MailStack.DeliverAsync(Message(alice, "Second"), User);
        await MailStack.DeliverAsync(Message(bob, "Hello"), User);
        await MailStack.WaitForInboxAsync(User, 3);
        await MailStack.WaitForInboxAsync(alice, 1);
        await MailStack.WaitForInboxAsync(bob, 1);

        // Every delivery ran the script before the inbox count reached 3; the second to Alice was answered by no reply.
        await WaitAsync(() => Task.FromResult(DovecotLog().Contains($"discarded duplicate vacation response to <{alice}>", StringComparison.Ordinal)));
        using var client = await MailStack.ConnectAsync(alice);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var replies = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope);
        Assert.Equal("Out of office", Assert.Single(replies).Envelope!.Subject);
        Assert.Equal(1, await Seeder.CountInboxAsync(bob, MailStack.TestPassword));
    }

    /// <summary>Polls <paramref name="condition"/> for up to 15 s: delivery and replies are asynchronous.</summary>
    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not reached within 15 s");
            await Task.Delay(100);
        }
    }

    private static string DovecotLog()
    {
        using var stream = new FileStream(Path.Combine(MailStack.StackDirectory, "log", "dovecot.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private MimeMessage Message(string from, string subject) => new(
        [MailboxAddress.Parse(from)], [MailboxAddress.Parse(User)], subject, new TextPart("plain") { Text = "Hello." });
}
