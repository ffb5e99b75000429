using System.Text.RegularExpressions;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>
/// Search, sort and filters in a real browser against the real Dovecot: the box, the address (back/forward and
/// reload keep the results), the sentence for words that cannot be understood, and hits from every folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SearchBrowserTests(BrowserFixture browser)
{
    // Subject, sender, folder, unread, flagged; dates follow the order here (the last is the newest).
    private static readonly (string Subject, string From, string Folder, bool Unread, bool Flagged)[] Mail =
    [
        ("Budget archive 2025", "Alice Archer", "Archive", false, false),
        ("Budget draft for the offsite", "Erin Evans", "Team Notes", false, false),
        ("Quarterly budget review", "Alice Archer", "INBOX", true, false),
        ("Lunch on Friday", "Bob Baker", "INBOX", false, false),
        ("Alpha launch notes", "Carol Chen", "INBOX", false, true),
        ("Zebra crossing photos", "Dan Duke", "INBOX", true, false),
    ];

    private static ILocator Results(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Search results" });

    private static ILocator Inbox(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });

    private static ILocator SearchBox(IPage page) => page.GetByRole(AriaRole.Search, new() { Name = "Search mail" }).GetByLabel("Search mail");

    private static ILocator Status(IPage page) => page.Locator(".list-status[role=status]");

    private static async Task ExpectSubjectsAsync(ILocator list, params string[] subjects) =>
        await Assertions.Expect(list.Locator("li.row .subject")).ToHaveTextAsync(subjects);

    [Fact]
    public async Task Search_SubjectThenFrom_RightRows_AddressKeepsThemThroughOpenBackForwardAndReload()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;
        await ExpectSubjectsAsync(Inbox(page), "Zebra crossing photos", "Alpha launch notes", "Lunch on Friday", "Quarterly budget review");

        // "/" outside a text field goes to the box (once the page has wired its keys); Enter searches.
        await Assertions.Expect(SearchBox(page)).ToHaveAttributeAsync("data-keys", "on");
        await page.Locator("body").PressAsync("/");
        await Assertions.Expect(SearchBox(page)).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("subject:budget");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/mail/[^/?]+\?q=subject%3Abudget$"));
        await ExpectSubjectsAsync(Results(page), "Quarterly budget review");
        await Assertions.Expect(Status(page)).ToHaveTextAsync("1 result");

        await SearchBox(page).FillAsync("from:bob");
        await SearchBox(page).PressAsync("Enter");
        await ExpectSubjectsAsync(Results(page), "Lunch on Friday");

        // A message opened from the results keeps the search in the address and the results beside it.
        await Results(page).GetByRole(AriaRole.Link, new() { Name = "Lunch on Friday" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lunch on Friday" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/mail/[^/?]+/[^/?]+\?q=from%3Abob$"));
        await ExpectSubjectsAsync(Results(page), "Lunch on Friday");

        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/mail/[^/?]+\?q=from%3Abob$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lunch on Friday" })).ToHaveCountAsync(0);
        await page.GoBackAsync();
        await ExpectSubjectsAsync(Results(page), "Quarterly budget review");
        await Assertions.Expect(SearchBox(page)).ToHaveValueAsync("subject:budget");
        await page.GoForwardAsync();
        await ExpectSubjectsAsync(Results(page), "Lunch on Friday");
        await Assertions.Expect(SearchBox(page)).ToHaveValueAsync("from:bob");

        await page.ReloadAsync();
        await UserActions.WaitInteractiveAsync(page);
        await ExpectSubjectsAsync(Results(page), "Lunch on Friday");
        await Assertions.Expect(SearchBox(page)).ToHaveValueAsync("from:bob");

        // Escape clears the box, then leaves it; the folder link shows the whole folder again.
        await SearchBox(page).FocusAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(SearchBox(page)).ToHaveValueAsync("");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(SearchBox(page)).Not.ToBeFocusedAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Inbox") }).ClickAsync();
        await ExpectSubjectsAsync(Inbox(page), "Zebra crossing photos", "Alpha launch notes", "Lunch on Friday", "Quarterly budget review");
    }

    [Fact]
    public async Task Search_TextThatCannotBeUnderstood_ShowsASentenceNotAServerError()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;

        await SearchBox(page).FillAsync("subject:");
        await SearchBox(page).PressAsync("Enter");

        var alert = page.Locator(".list-status[role=alert]");
        await Assertions.Expect(alert).ToContainTextAsync("subject:");
        var sentence = await alert.TextContentAsync();
        Assert.DoesNotMatch(new Regex(@"IMAP|BAD|NO |Exception|\bat [A-Z]"), sentence);
        Assert.EndsWith(".", sentence!.Trim(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("ul.messages li.row")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Sort_SubjectAscending_OrdersTheRows_AndUnreadFilterNarrowsThem()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;
        await ExpectSubjectsAsync(Inbox(page), "Zebra crossing photos", "Alpha launch notes", "Lunch on Friday", "Quarterly budget review");

        await page.GetByLabel("Sort by").SelectOptionAsync("Subject");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?sort=subject-asc$"));
        await Assertions.Expect(page.GetByLabel("Order")).ToHaveValueAsync("asc");
        await ExpectSubjectsAsync(Inbox(page), "Alpha launch notes", "Lunch on Friday", "Quarterly budget review", "Zebra crossing photos");

        var unread = page.GetByRole(AriaRole.Group, new() { Name = "Filters" }).GetByRole(AriaRole.Button, new() { Name = "Unread" });
        await unread.ClickAsync();
        await Assertions.Expect(unread).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?sort=subject-asc&filter=unread$"));
        await ExpectSubjectsAsync(Inbox(page), "Quarterly budget review", "Zebra crossing photos");
        await Assertions.Expect(Status(page)).ToHaveTextAsync("2 messages");

        // Filters combine with a search; "Unread" off again shows every match.
        await SearchBox(page).FillAsync("budget");
        await SearchBox(page).PressAsync("Enter");
        await ExpectSubjectsAsync(Results(page), "Quarterly budget review");
        await unread.ClickAsync();
        await Assertions.Expect(unread).ToHaveAttributeAsync("aria-pressed", "false");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?q=budget&sort=subject-asc$"));
        await ExpectSubjectsAsync(Results(page), "Quarterly budget review");

        await page.GoBackAsync();
        await Assertions.Expect(unread).ToHaveAttributeAsync("aria-pressed", "true");
    }

    [Fact]
    public async Task Search_AllFolders_EveryHitShowsItsFolder()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;

        await SearchBox(page).FillAsync("budget");
        await page.GetByLabel("Search in").SelectOptionAsync("All folders");
        await SearchBox(page).PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?q=budget&scope=all$"));
        await Assertions.Expect(Status(page)).ToHaveTextAsync("3 results");
        var rows = Results(page).Locator("li.row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        var folderOf = new Dictionary<string, string>();
        for (var i = 0; i < 3; i++)
        {
            var row = rows.Nth(i);
            folderOf[(await row.Locator(".subject").TextContentAsync())!] = (await row.Locator(".folder-badge").TextContentAsync())!.Replace("in folder ", "", StringComparison.Ordinal);
        }

        Assert.Equal("Inbox", folderOf["Quarterly budget review"]);
        Assert.Equal("Archive", folderOf["Budget archive 2025"]);
        Assert.Equal("Team Notes", folderOf["Budget draft for the offsite"]);

        // A hit in another folder opens where it is, and the results stay.
        await Results(page).GetByRole(AriaRole.Link, new() { Name = "Budget archive 2025" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Budget archive 2025" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?q=budget&scope=all$"));
        await Assertions.Expect(rows).ToHaveCountAsync(3);
    }

    private static async Task<string> SeededUserAsync()
    {
        var user = MailStack.NewUser("search");
        using var client = new ImapClient();
        await client.ConnectAsync(MailStack.Host, MailStack.ImapPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, MailStack.TestPassword);
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Mail.Length; i++)
        {
            var (subject, from, folderName, unread, flagged) = Mail[i];
            var folder = folderName == "INBOX" ? client.Inbox : await FolderAsync(client, folderName);
            var message = new MimeMessage { Subject = subject, Date = start.AddHours(i) };
            message.From.Add(new MailboxAddress(from, $"{from.Split(' ')[0].ToLowerInvariant()}@example.test"));
            message.To.Add(MailboxAddress.Parse(user));
            message.Body = new TextPart("plain") { Text = $"About: {subject}.\r\n" };
            var flags = (unread ? MessageFlags.None : MessageFlags.Seen) | (flagged ? MessageFlags.Flagged : MessageFlags.None);
            await folder.AppendAsync(new AppendRequest(message, flags) { InternalDate = message.Date });
        }

        await client.DisconnectAsync(true);
        return user;
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name)
    {
        var root = client.GetFolder(client.PersonalNamespaces[0]) ?? throw new InvalidOperationException("The server has no personal namespace.");
        var existing = (await root.GetSubfoldersAsync(false)).FirstOrDefault(f => f.Name == name);
        if (existing is not null)
        {
            return existing;
        }

        var created = await root.CreateAsync(name, true) ?? throw new InvalidOperationException($"Cannot create folder {name}.");
        await created.SubscribeAsync();
        return created;
    }
}
