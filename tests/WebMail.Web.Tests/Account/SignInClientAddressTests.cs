using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Credentials;
using WebMail.Testing;
using WebMail.Web.Account;

namespace WebMail.Web.Tests.Account;

/// <summary>The browser's address travels with a password sign-in to every IMAP login made for it, reconnects included.</summary>
public sealed class SignInClientAddressTests
{
    private const string UserAddress = "203.0.113.7";

    [Fact]
    public async Task SignInStore_PasswordSignIn_KeepsTheClientAddressForReconnects()
    {
        using var factory = new WebMailFactory();
        var store = factory.Services.GetRequiredService<SignInStore>();
        var user = MailStack.NewUser();
        await store.AddPasswordAsync(new PasswordCredential(user, MailStack.TestPassword, UserAddress));

        var (password, _) = await store.LatestForUserAsync(user);

        Assert.Equal(UserAddress, password?.ClientAddress);
    }

    // Needs the mail stack started with this branch's dovecot.conf.in (login_trusted_networks on 127.0.0.1).
    [Fact]
    public async Task SignIn_FromAnAddress_DovecotSeesThatAddressAtSignInAndAfterAReconnect()
    {
        using var factory = new WebMailFactory();
        using var app = factory.WithClientAddresses();
        var user = MailStack.NewUser("rip");
        var browser = app.BrowserFrom(UserAddress);

        Assert.Equal(HttpStatusCode.Redirect, (await WebMailFactory.PostLoginAsync(browser, user, MailStack.TestPassword)).StatusCode);
        Assert.Equal([UserAddress], await LoggedRemoteAddressesAsync(user, 1));

        // The server drops the session; opening the inbox logs in again, with the same address.
        await MailStack.DoveadmAsync("kick", user);
        Assert.Equal(0, await MailStack.ServerConnectionCountAsync(user));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        Assert.Equal([UserAddress, UserAddress], await LoggedRemoteAddressesAsync(user, 2));
    }

    /// <summary>The rip= of the user's IMAP logins in Dovecot's log, once there are at least <paramref name="count"/>.</summary>
    private static async Task<List<string>> LoggedRemoteAddressesAsync(string user, int count)
    {
        var marker = $"Login: user=<{user}>, method=";
        var log = Path.Combine(MailStack.StackDirectory, "log", "dovecot.log");
        for (var deadline = DateTime.UtcNow.AddSeconds(15); ; await Task.Delay(100))
        {
            var found = new List<string>();
            await using (var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                stream.Seek(Math.Max(0, stream.Length - (4 << 20)), SeekOrigin.Begin);
                using var reader = new StreamReader(stream);
                while (await reader.ReadLineAsync() is { } line)
                {
                    if (line.Contains(marker, StringComparison.Ordinal) && line.IndexOf(", rip=", StringComparison.Ordinal) is var at and >= 0)
                    {
                        var start = at + ", rip=".Length;
                        found.Add(line[start..line.IndexOf(',', start)]);
                    }
                }
            }

            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }
        }
    }
}
