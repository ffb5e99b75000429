using System.Globalization;
using System.Text.RegularExpressions;
using MailKit;
using Microsoft.Playwright;
using MimeKit;

namespace WebMail.Testing.Web;

/// <summary>
/// New mail reaching several open tabs of one user, with every IMAP command the app issues for it counted by an
/// <see cref="ImapCommandCounter"/> between the app and Dovecot (shared by the end-to-end test and the benchmark).
/// </summary>
public static class NewMailFanOut
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 20000 };

    /// <summary>The app with its IMAP connections going through <paramref name="counter"/> (plaintext, which the stack allows on loopback).</summary>
    public static KestrelWebMailFactory CountedApp(ImapCommandCounter counter) =>
        new KestrelWebMailFactory()
            .With("WebMail:Imap:Port", counter.Port.ToString(CultureInfo.InvariantCulture))
            .With("WebMail:Imap:Security", "None")
            .With("WebMail:Imap:TrustedCertificatePath", null);

    /// <summary>
    /// A fresh user with one read message, signed in, with <paramref name="count"/> tabs open on the inbox, each
    /// showing that message, and the user's connection back in IDLE (everything the tabs asked for is done).
    /// </summary>
    public static async Task<IReadOnlyList<IPage>> OpenTabsAsync(IBrowserContext context, ImapCommandCounter counter, string user, int count)
    {
        using (var client = await MailStack.ConnectAsync(user))
        {
            await client.Inbox.AppendAsync(new AppendRequest(Message("Already here"), MessageFlags.Seen));
            await client.DisconnectAsync(true);
        }

        var tabs = new List<IPage>();
        for (var i = 0; i < count; i++)
        {
            var tab = await context.NewPageAsync();
            if (i == 0)
            {
                await UserActions.SignInAsync(tab, user);
            }
            else
            {
                await tab.GotoAsync("/");
                await UserActions.WaitInteractiveAsync(tab);
            }

            await Assertions.Expect(Inbox(tab).GetByRole(AriaRole.Link, new() { Name = "Already here" })).ToBeVisibleAsync(Visible);
            tabs.Add(tab);
        }

        await counter.WaitUntilAsync(s => s.AllIdle(user), TimeSpan.FromSeconds(20));
        return tabs;
    }

    /// <summary>
    /// Delivers one unread message through Postfix and counts the commands the app issues as <paramref name="user"/>
    /// from just before the delivery until every tab shows the row and the unread count, and the connection is back
    /// in IDLE. Throws (Playwright's assertion) if any tab does not show it within 20 s.
    /// </summary>
    public static async Task<ImapCommandSnapshot> DeliverAndCountAsync(ImapCommandCounter counter, IReadOnlyList<IPage> tabs, string user, string subject, int unreadAfter = 1)
    {
        counter.Reset();
        await MailStack.DeliverAsync(Message(subject), user);
        foreach (var tab in tabs)
        {
            await Assertions.Expect(Inbox(tab).GetByRole(AriaRole.Link, new() { Name = subject })).ToBeVisibleAsync(Visible);
            await Assertions.Expect(tab).ToHaveTitleAsync(new Regex($@"^\({unreadAfter}\) "), new() { Timeout = 20000 });
        }

        // Settled once the app re-entered IDLE after the last command it needed: no sleep.
        return await counter.WaitUntilAsync(s => s.AllIdle(user), TimeSpan.FromSeconds(20));
    }

    public static ILocator Inbox(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });

    private static MimeMessage Message(string subject)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Fan-out probe." } };
        message.From.Add(new MailboxAddress("Probe", "probe@example.org"));
        return message;
    }
}
