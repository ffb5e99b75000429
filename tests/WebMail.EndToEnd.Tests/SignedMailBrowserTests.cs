using System.Security.Cryptography;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>S/MIME in Chromium: an app whose operator trusts a company CA shows who signed, the certificate, and a changed message.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedMailBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignedMessages_ValidShowsSignerAndCertificate_TamperedShowsAlert()
    {
        using var authority = new TestCertificateAuthority();
        using var alice = authority.Issue("alice@example.com");
        var user = MailStack.NewUser("smime");
        var good = await SignedMail.SmimeAsync(alice, "alice@example.com", user, "Signed budget", "Budget approved: 1,250 EUR.");
        var bad = SignedMail.Tampered(
            await SignedMail.SmimeAsync(alice, "alice@example.com", user, "Changed budget", "Budget approved: 1,250 EUR."), "1,250 EUR", "9,250 EUR");
        await MailStack.DeliverAsync(good, user);
        await MailStack.DeliverAsync(bad, user);
        await MailStack.WaitForInboxAsync(user, 2);

        await using var app = new KestrelWebMailFactory().With("WebMail:Signatures:TrustedRootsPath", authority.WriteRootPem());
        app.StartServer();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await using var _ = context;
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        var inbox = page.GetByRole(AriaRole.List, new() { Name = "Messages in INBOX" });

        await inbox.GetByRole(AriaRole.Link, new() { Name = "Signed budget" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Budget approved: 1,250 EUR.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Signed by alice@example.com" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Attachments" })).ToHaveCountAsync(0);

        var opener = page.GetByRole(AriaRole.Button, new() { Name = "View certificate" });
        await opener.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Signer's certificate" });
        await Assertions.Expect(dialog).ToBeFocusedAsync();
        var fingerprint = string.Join(':', alice.GetCertHashString(HashAlgorithmName.SHA256).Chunk(2).Select(pair => new string(pair)));
        await Assertions.Expect(dialog).ToContainTextAsync(fingerprint);
        await Assertions.Expect(dialog).ToContainTextAsync("CN=WebMail Test Root CA");
        await Shots.SaveAsync(page, "smime-certificate");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(opener).ToBeFocusedAsync();

        await inbox.GetByRole(AriaRole.Link, new() { Name = "Changed budget" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Budget approved: 9,250 EUR.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Signature invalid" })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Signature invalid: the message was changed after it was signed"));
        await Assertions.Expect(page.GetByText("Signed by alice@example.com")).ToHaveCountAsync(0);
        await Shots.SaveAsync(page, "smime-invalid");
    }
}
