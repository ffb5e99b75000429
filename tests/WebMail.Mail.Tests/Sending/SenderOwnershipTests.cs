using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebMail.Mail.Compose;
using WebMail.Mail.Configuration;
using WebMail.Mail.Sending;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sending;

/// <summary>
/// Nobody sends as somebody else: the local Postfix ties the envelope sender to the login
/// (smtpd_sender_login_maps + reject_sender_login_mismatch), WebMail says the server's reason and keeps the draft,
/// and a sender WebMail itself refuses never reaches SMTP.
/// </summary>
public sealed class SenderOwnershipTests
{
    [Fact]
    public async Task Send_EnvelopeSenderOwnedByAnotherLogin_RefusedWithTheServersReason()
    {
        var (login, victim, recipient) = (MailStack.NewUser("login"), MailStack.NewUser("victim"), MailStack.NewUser("to"));

        // The From header is the envelope sender: Postfix checks the address the recipient would see.
        var ex = await Assert.ThrowsAsync<MailCommandException>(() =>
            SmtpSenderTests.Sender(new MailTestHost.TestCredentials()).SendAsync(login, SmtpSenderTests.Message(victim, recipient, "Forged")));

        Assert.Equal($"The mail server refused to send this as {victim}: Sender address rejected: not owned by user {login}", ex.Message);
        Assert.Equal(0, await Seeder.CountInboxAsync(recipient, MailStack.TestPassword));
    }

    [Fact]
    public async Task Send_OwnPlusAddressAndOtherCase_Arrive()
    {
        var (login, recipient) = (MailStack.NewUser("login"), MailStack.NewUser("to"));
        var local = login.Split('@')[0];
        var sender = SmtpSenderTests.Sender(new MailTestHost.TestCredentials());

        await sender.SendAsync(login, SmtpSenderTests.Message($"{local}+lists@test.example", recipient, "Plus address"));
        await sender.SendAsync(login, SmtpSenderTests.Message(login.ToUpperInvariant(), recipient, "Upper case"));

        await MailStack.WaitForInboxAsync(recipient, 2);
    }

    [Fact]
    public async Task SendService_ServerRefusesTheSender_NotSentWithItsReasonAndTheDraftKept()
    {
        await using var host = new MailTestHost();
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        using var lease = host.Pool.Lease(alice);
        var draft = Draft.Empty($"Bob <{bob}>") with { To = bob, Subject = "Pretending", TextBody = "Not me." };

        var result = await lease.Session.Sending.SendAsync(draft, SmtpSenderTests.Sender(new MailTestHost.TestCredentials()));

        Assert.Equal(SendOutcome.NotSent, result.Outcome);
        Assert.Equal($"The mail server refused to send this as {bob}: Sender address rejected: not owned by user {alice}", result.Reason);
        Assert.NotNull(result.KeptAs);
        Assert.Equal("Pretending", (await lease.Session.Messages.GetMessagesAsync("Drafts", 0, 10)).Rows.Single().Subject);
    }

    [Fact]
    public async Task SendService_SenderRefusedByWebMail_NothingReachesSmtpAndTheDraftIsKept()
    {
        await using var host = new MailTestHost();
        var (alice, bob) = (MailStack.NewUser("alice"), MailStack.NewUser("bob"));
        using var lease = host.Pool.Lease(alice);
        var draft = Draft.Empty(bob) with { To = bob, Subject = "Pretending", TextBody = "Not me." };
        string? asked = null;

        // An SMTP server that cannot be reached: trying it would say so instead of the refusal.
        var unreachable = new SmtpSender(Options.Create(new SmtpOptions { Host = MailStack.Host, Port = 1, Security = MailSecurity.None }),
            new MailTestHost.TestCredentials(), NullLogger<SmtpSender>.Instance);
        var result = await lease.Session.Sending.SendAsync(draft, unreachable, refuseSender: address => (asked = address) == alice ? null : $"You may not send as {address}.");

        Assert.Equal(bob, asked);
        Assert.Equal(SendOutcome.NotSent, result.Outcome);
        Assert.Equal($"You may not send as {bob}.", result.Reason);
        Assert.NotNull(result.KeptAs);
        Assert.Equal("Pretending", (await lease.Session.Messages.GetMessagesAsync("Drafts", 0, 10)).Rows.Single().Subject);
    }
}
