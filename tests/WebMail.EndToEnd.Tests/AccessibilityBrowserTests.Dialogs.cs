using System.Text;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>The dialogs the first scans did not reach: the signer's certificate, the PDF and text previews, the
/// unsubscribe confirmation, and the identities and address-book pages with entries and a refused entry.</summary>
public sealed partial class AccessibilityBrowserTests
{
    [Fact]
    public async Task CertificatePreviewsUnsubscribeAndEditingPages_AxeFindsNothing_LightAndDark()
    {
        var axe = new AxeScan();
        var user = MailStack.NewUser("axedlg");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("attachment-pdf-invoice.flagged.eml")]);
        using var authority = new TestCertificateAuthority();
        using var alice = authority.Issue("alice@example.com");
        await PhoneLayoutBrowserTests.AppendAsync(user, await SignedMail.SmimeAsync(alice, "alice@example.com", user, "Signed budget", "Budget approved."));
        await PhoneLayoutBrowserTests.AppendAsync(user, BuildLog());
        await PhoneLayoutBrowserTests.AppendAsync(user, Newsletter());
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;

        await Inbox(page).GetByRole(AriaRole.Link, new() { Name = "Signed budget" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "View certificate" }).ClickAsync();
        var certificate = page.GetByRole(AriaRole.Dialog, new() { Name = "Signer's certificate" });
        await Assertions.Expect(certificate).ToBeFocusedAsync();
        await axe.CheckAsync(page, "certificate dialog");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(certificate).ToHaveCountAsync(0);

        await Inbox(page).GetByRole(AriaRole.Link, new() { Name = "Invoice 2026-10-042" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview invoice-2026-10-042.pdf" }).ClickAsync();
        var pdf = page.GetByRole(AriaRole.Dialog, new() { Name = "invoice-2026-10-042.pdf" });
        await Assertions.Expect(page.FrameLocator("iframe[title='PDF preview of invoice-2026-10-042.pdf']").Locator("body[data-state=rendered]")).ToHaveCountAsync(1);
        await axe.CheckAsync(page, "PDF preview");
        await pdf.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(pdf).ToHaveCountAsync(0);

        await Inbox(page).GetByRole(AriaRole.Link, new() { Name = "Build log" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview build.log" }).ClickAsync();
        await Assertions.Expect(page.FrameLocator("iframe[title='Text of build.log']").Locator("pre")).ToContainTextAsync("step 2 ok");
        await axe.CheckAsync(page, "text preview");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await Inbox(page).GetByRole(AriaRole.Link, new() { Name = "Weekly News #12" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe", Exact = true }).ClickAsync();
        var unsubscribe = page.GetByRole(AriaRole.Dialog, new() { Name = "Unsubscribe from Weekly News?" });
        await Assertions.Expect(unsubscribe.GetByRole(AriaRole.Button, new() { Name = "Unsubscribe" })).ToBeFocusedAsync();
        await axe.CheckAsync(page, "unsubscribe dialog");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(unsubscribe).ToHaveCountAsync(0);

        // Identities and the address book are edited in place: an entry added, one refused (the alert), scanned after each.
        await page.GotoAsync("/settings/identities");
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByLabel("Display name").FillAsync("Axe Tester");
        await page.GetByLabel("Signature", new() { Exact = true }).FillAsync("Axe Tester\nWebMail team");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add identity" }).ClickAsync();
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add identity" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is not a valid address");
        await axe.CheckAsync(page, "identities with a refused entry");

        await page.GotoAsync("/settings/address-book");
        await UserActions.WaitInteractiveAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Bea Contact");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("bea@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove bea@example.org" })).ToBeVisibleAsync();
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("nobody");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add contact" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is not a valid address");
        await axe.CheckAsync(page, "address book with a contact and a refused entry");

        axe.AssertClean();
    }

    private static MimeMessage BuildLog()
    {
        var builder = new BodyBuilder { TextBody = "The log is attached." };
        builder.Attachments.Add("build.log", Encoding.UTF8.GetBytes("step 1 ok\nstep 2 ok\n"), ContentType.Parse("text/plain; charset=utf-8"));
        var message = new MimeMessage { Subject = "Build log", Date = DateTimeOffset.UtcNow, Body = builder.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse("ci@example.org"));
        return message;
    }

    private static MimeMessage Newsletter()
    {
        var message = new MimeMessage { Subject = "Weekly News #12", Date = DateTimeOffset.UtcNow, Body = new TextPart("plain") { Text = "News.\r\n" } };
        message.From.Add(MailboxAddress.Parse("news@lists.example.com"));
        message.Headers.Add("List-Id", "\"Weekly News\" <weekly.lists.example.com>");
        message.Headers.Add("List-Unsubscribe", "<https://lists.example.com/unsubscribe?u=12>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return message;
    }
}
