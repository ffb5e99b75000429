using MailKit.Net.Imap;
using MailKit.Security;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.DevIdentityProvider.Tests;

/// <summary>
/// The mail stack's Dovecot (IMAP, and Postfix submission through Dovecot's SASL socket) with the provider's
/// tokens: accepted over XOAUTH2 and OAUTHBEARER, refused when expired, foreign, for someone else, tampered,
/// or for a user without a mailbox.
/// </summary>
[Collection(ProviderCollection.Name)]
public sealed class DovecotTokenTests(ProviderFixture provider)
{
    [Theory]
    [InlineData("XOAUTH2")]
    [InlineData("OAUTHBEARER")]
    public async Task ImapLogin_ProviderAccessToken_OpensInbox(string mechanism)
    {
        var (user, token) = await SignInAsync(MailStack.NewUser("idp"), MailStack.TestPassword);

        Assert.Equal("INBOX", await MailLogins.ImapInboxAsync(mechanism, user, token));
    }

    [Fact]
    public async Task ImapLogin_DemoUserProviderAccessToken_OpensInbox()
    {
        var (user, token) = await SignInAsync("alice@example.test", "alice-demo");

        Assert.Equal("INBOX", await MailLogins.ImapInboxAsync("XOAUTH2", user, token));
    }

    [Theory]
    [InlineData("XOAUTH2")]
    [InlineData("OAUTHBEARER")]
    public async Task Submission_ProviderAccessToken_SendsMail(string mechanism)
    {
        var (user, token) = await SignInAsync(MailStack.NewUser("idp"), MailStack.TestPassword);

        await MailLogins.SubmitAsync(mechanism, user, token);
    }

    [Fact]
    public async Task Submission_Capabilities_AdvertiseTokenMechanisms()
    {
        var mechanisms = await MailLogins.SubmissionMechanismsAsync();

        Assert.Superset(new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER" }, mechanisms);
    }

    [Fact]
    public async Task ImapLogin_MintedTestToken_OpensInbox()
    {
        var user = MailStack.NewUser("idp");

        Assert.Equal("INBOX", await MailLogins.ImapInboxAsync("OAUTHBEARER", user, TestTokens.Mint(user, TimeSpan.FromMinutes(1))));
    }

    [Theory]
    [InlineData("XOAUTH2")]
    [InlineData("OAUTHBEARER")]
    public async Task ImapLogin_ExpiredToken_IsRefused(string mechanism)
    {
        var user = MailStack.NewUser("idp");

        await Assert.ThrowsAsync<AuthenticationException>(() =>
            MailLogins.ImapInboxAsync(mechanism, user, TestTokens.Mint(user, TimeSpan.FromMinutes(-1))));
    }

    [Fact]
    public async Task ImapLogin_TokenSignedByAnotherKey_IsRefused()
    {
        var user = MailStack.NewUser("idp");

        await Assert.ThrowsAsync<AuthenticationException>(() =>
            MailLogins.ImapInboxAsync("XOAUTH2", user, TestTokens.MintWithOtherKey(user, TimeSpan.FromMinutes(1))));
    }

    [Fact]
    public async Task ImapLogin_TokenOfAnotherUser_IsRefused()
    {
        var (_, token) = await SignInAsync(MailStack.NewUser("idp"), MailStack.TestPassword);

        await Assert.ThrowsAsync<AuthenticationException>(() =>
            MailLogins.ImapInboxAsync("XOAUTH2", "bob@example.test", token));
    }

    [Fact]
    public async Task ImapLogin_TamperedToken_IsRefused()
    {
        var (_, token) = await SignInAsync(MailStack.NewUser("idp"), MailStack.TestPassword);
        var victim = MailStack.NewUser("victim");

        await Assert.ThrowsAsync<AuthenticationException>(() =>
            MailLogins.ImapInboxAsync("XOAUTH2", victim, TestTokens.WithTamperedEmail(token, victim)));
    }

    [Fact]
    public async Task ImapLogin_ValidTokenOfUserWithoutMailbox_IsRefused()
    {
        var (user, token) = await SignInAsync("ghost@example.test", "ghost-demo");

        await Assert.ThrowsAsync<AuthenticationException>(() => MailLogins.ImapInboxAsync("XOAUTH2", user, token));
    }

    [Fact]
    public async Task ImapLogin_TokenWithoutMailScope_IsRefused()
    {
        using var flow = new OidcFlow(provider.Host);
        var user = MailStack.NewUser("idp");
        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync(user, MailStack.TestPassword, "openid email offline_access"));

        await Assert.ThrowsAsync<AuthenticationException>(() => MailLogins.ImapInboxAsync("XOAUTH2", user, tokens.AccessToken!));
    }

    [Fact]
    public async Task ImapPasswordLogin_AccessTokenAsPassword_IsRefused()
    {
        var (user, token) = await SignInAsync(MailStack.NewUser("idp"), MailStack.TestPassword);
        using var client = new ImapClient();
        await client.ConnectAsync(MailStack.Host, MailStack.ImapPort, SecureSocketOptions.None);

        await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(new SaslMechanismPlain(user, token)));
    }

    [Fact]
    public async Task ImapPasswordLogin_DemoPassword_StillWorks()
    {
        using var client = new ImapClient();
        await client.ConnectAsync(MailStack.Host, MailStack.ImapPort, SecureSocketOptions.None);

        await client.AuthenticateAsync(new SaslMechanismPlain("alice@example.test", "alice-demo"));

        Assert.True(client.IsAuthenticated);
    }

    private async Task<(string User, string AccessToken)> SignInAsync(string user, string password)
    {
        using var flow = new OidcFlow(provider.Host);
        var tokens = await flow.RedeemAsync(await flow.SignInForCodeAsync(user, password));
        return (user, tokens.AccessToken!);
    }
}
