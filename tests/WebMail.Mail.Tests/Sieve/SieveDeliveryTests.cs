using MailKit;
using MailKit.Search;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sieve;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sieve;

/// <summary>
/// What WebMail's scripts do at delivery: mail goes through Postfix → LMTP, where Pigeonhole runs the user's active script.
/// Each check waits until Postfix logged LMTP's answer for the message (the script has run, its mail is stored), then
/// looks at the mailboxes a user would look at.
/// </summary>
public sealed class SieveDeliveryTests
{
    private readonly string _user = MailStack.NewUser("sieve-dlv");
    private readonly SieveFilters _filters = new(Microsoft.Extensions.Options.Options.Create(SieveStack.Options()), new Passwords(), NullLogger<SieveFilters>.Instance);

    [Theory]
    [InlineData(RuleActionKind.Forward, 1)]
    [InlineData(RuleActionKind.Redirect, 0)]
    public async Task Forward_ArrivesAtTheOtherUser_CopyKeptOnlyWhenAsked(RuleActionKind kind, int kept)
    {
        var other = MailStack.NewUser("sieve-fwd");
        await SaveRuleAsync(new RuleAction(kind, other));

        var message = Message("boss@test.example", "Quarterly numbers");
        await MailStack.DeliverAsync(message, _user);

        await MailStack.WaitForInboxAsync(other, 1);
        Assert.Equal("Quarterly numbers", (await InboxAsync(other)).Single().Subject);
        await SieveLog.WaitDeliveredAsync(message, _user);
        Assert.Equal(kept, (await InboxAsync(_user)).Count);
        Assert.Contains(SieveLog.LinesAbout(message), l => l.Contains($"forwarded to <{other}>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reject_SenderGetsTheReason_NothingFiled()
    {
        var sender = MailStack.NewUser("sieve-rej");
        await SaveRuleAsync(new RuleAction(RuleActionKind.Reject, "We do not accept offers."));

        var message = Message(sender, "Special offer");
        await MailStack.DeliverAsync(message, _user);

        await MailStack.WaitForInboxAsync(sender, 1);
        var rejection = (await InboxAsync(sender)).Single();
        Assert.Contains("We do not accept offers.", rejection.TextBody ?? rejection.ToString(), StringComparison.Ordinal);
        Assert.Contains("Special offer", rejection.ToString(), StringComparison.Ordinal);
        await SieveLog.WaitDeliveredAsync(message, _user);
        Assert.Empty(await InboxAsync(_user));
        Assert.Contains(SieveLog.LinesAbout(message), l => l.Contains($"rejected message from <{sender}>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Discard_FilesNothing()
    {
        await SaveRuleAsync(new RuleAction(RuleActionKind.Discard));

        var discarded = Message("boss@test.example", "Noise");
        await MailStack.DeliverAsync(discarded, _user);

        await SieveLog.WaitDeliveredAsync(discarded, _user);
        Assert.Empty(await InboxAsync(_user));
        Assert.Contains(SieveLog.LinesAbout(discarded), l => l.Contains("discard action", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Vacation_BeforeTheFirstDayNoReply_WithinTheDatesAReply()
    {
        var (early, inTime) = (MailStack.NewUser("vac-early"), MailStack.NewUser("vac-in"));
        var today = DateOnly.FromDateTime(DateTime.Now);
        await SaveVacationAsync(today.AddDays(1), today.AddDays(5));
        var before = Message(early, "Before you go");
        await MailStack.DeliverAsync(before, _user);
        await SieveLog.WaitDeliveredAsync(before, _user);

        await SaveVacationAsync(today.AddDays(-1), today.AddDays(1));
        var within = Message(inTime, "While you are away");
        await MailStack.DeliverAsync(within, _user);

        await MailStack.WaitForInboxAsync(inTime, 1);
        Assert.Equal("Away until Monday", (await InboxAsync(inTime)).Single().Subject);
        Assert.DoesNotContain(SieveLog.LinesAbout(before), line => line.Contains("vacation", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(SieveLog.LinesAbout(within), line => line.Contains($"sent vacation response to <{inTime}>", StringComparison.Ordinal));
        Assert.Empty(await InboxAsync(early));
        Assert.Equal(2, (await InboxAsync(_user)).Count);
    }

    [Fact]
    public async Task MoveTo_MissingFolder_CreatedWhenTheServerHasMailbox()
    {
        await SaveRuleAsync(new RuleAction(RuleActionKind.MoveTo, "Created/By rule"));

        var message = Message("boss@test.example", "Into a new folder");
        await MailStack.DeliverAsync(message, _user);
        await SieveLog.WaitDeliveredAsync(message, _user);

        using var client = await MailStack.ConnectAsync(_user);
        var folder = await client.GetFolderAsync("Created/By rule");
        await folder.StatusAsync(StatusItems.Count);
        Assert.Equal(1, folder.Count);
    }

    private Task SaveRuleAsync(RuleAction action) => _filters.SaveAsync(_user, new FilterSet(
        [new SieveRule("Test", true, false, [new RuleCondition(RuleField.From, RuleMatch.Contains, "boss@"), new RuleCondition(RuleField.From, RuleMatch.Contains, "sieve-rej")], [action])],
        VacationSettings.Off));

    private Task SaveVacationAsync(DateOnly start, DateOnly end) => _filters.SaveAsync(_user, FilterSet.Empty with
    {
        Vacation = new VacationSettings(true, "Away until Monday", "I read mail on Monday.", 1, [], start, end),
    });

    private MimeMessage Message(string from, string subject) => new([MailboxAddress.Parse(from)], [MailboxAddress.Parse(_user)], subject, new TextPart("plain") { Text = "Hello." })
    {
        MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("test.example"),
    };

    private static async Task<List<MimeMessage>> InboxAsync(string user)
    {
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var messages = new List<MimeMessage>();
        foreach (var uid in await client.Inbox.SearchAsync(SearchQuery.All))
        {
            messages.Add(await client.Inbox.GetMessageAsync(uid));
        }

        return messages;
    }

    private sealed class Passwords : IMailCredentialSource
    {
        public ValueTask<MailCredential?> GetCredentialAsync(string userName, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<MailCredential?>(new PasswordCredential(userName, MailStack.TestPassword));
    }
}
