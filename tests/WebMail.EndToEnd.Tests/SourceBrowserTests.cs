using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;

namespace WebMail.EndToEnd.Tests;

[Collection(BrowserCollection.Name)]
public sealed class SourceBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Reader_VerdictShowOriginalAndAllHeaders()
    {
        // Delivered through Postfix, as mail arrives; the app trusts mx.test.example (appsettings.Development.json).
        var user = MailStack.NewUser("orig");
        await MailStack.DeliverAsync(MimeMessage.Load(SourceFixtures.Path("auth-results-dmarc-pass.eml")), user);
        await MailStack.DeliverAsync(MimeMessage.Load(SourceFixtures.Path("auth-results-forged-pass-below-fail.eml")), user);
        await MailStack.WaitForInboxAsync(user, 2);
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        var header = page.Locator(".message-header");

        await page.GetByRole(AriaRole.Link, new() { Name = "Your November statement is ready" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your November statement is ready" })).ToBeVisibleAsync();
        await Assertions.Expect(header.Locator(".sender-verdict summary")).ToHaveTextAsync("Verified northwind-bank.example");
        await header.GetByText("Verified northwind-bank.example").ClickAsync();
        await Assertions.Expect(header.GetByText(new Regex("Checked by mx.test.example: SPF pass .*DKIM pass \\(d=northwind-bank.example\\), DMARC pass"))).ToBeVisibleAsync();

        // All headers: every field as text in the server's order (top: what our server added), the encoded X-Mailer decoded; the toggle hides them again.
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "All headers" });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.ClickAsync();
        var all = page.Locator("dl[aria-label='All headers']");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(all.Locator("dt").First).ToHaveTextAsync("Return-Path");
        await Assertions.Expect(all.Locator("dt", new() { HasTextString = "Authentication-Results" })).ToHaveCountAsync(1);
        await Assertions.Expect(all.GetByText("Northwind Mailer — v2")).ToBeVisibleAsync();
        await Assertions.Expect(all.GetByText("DKIM-Signature")).ToBeVisibleAsync();
        await Shots.SaveAsync(page, "sender-verified-all-headers");
        await toggle.ClickAsync();
        await Assertions.Expect(all).ToHaveCountAsync(0);

        // Show original: a new tab with the raw message as plain text, nothing rendered.
        var original = await page.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Show original" }).ClickAsync());
        await original.WaitForLoadStateAsync();
        Assert.Matches("/mail/source/[^/?]+$", original.Url);
        var text = await original.Locator("body").InnerTextAsync();
        Assert.Contains("Authentication-Results: mx.test.example;", text, StringComparison.Ordinal);
        Assert.Contains("X-Mailer: =?utf-8?q?Northwind_Mailer_=E2=80=94_v2?=", text, StringComparison.Ordinal);
        Assert.Contains("Received: from", text, StringComparison.Ordinal);
        Assert.Equal("text/plain", await original.EvaluateAsync<string>("document.contentType"));
        await original.CloseAsync();

        // The forged pass below our server's fail does not count.
        await page.GetByRole(AriaRole.Link, new() { Name = "Urgent: confirm your account details" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Urgent: confirm your account details" })).ToBeVisibleAsync();
        await Assertions.Expect(header.Locator(".sender-verdict summary")).ToHaveTextAsync("Could not verify this sender");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "All headers" })).ToHaveAttributeAsync("aria-expanded", "false");
        await Shots.SaveAsync(page, "sender-not-verified");

        // Download .eml: the same bytes as the server holds, named after the subject.
        var eml = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download .eml" }).ClickAsync());
        Assert.Equal("Urgent_ confirm your account details.eml", eml.SuggestedFilename);
        var emlText = await File.ReadAllTextAsync(await eml.PathAsync());
        Assert.EndsWith(await File.ReadAllTextAsync(SourceFixtures.Path("auth-results-forged-pass-below-fail.eml")), emlText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachmentList_TwoAttachments_DownloadAllAsOneZip()
    {
        var user = MailStack.NewUser("zipall");
        var fixture = Corpus.File("attachment-png-and-jpeg.eml");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [fixture]);
        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = fixture.Load().Subject }).ClickAsync();
        var attachments = page.GetByRole(AriaRole.Region, new() { Name = "Attachments" });
        var download = await page.RunAndWaitForDownloadAsync(() => attachments.GetByRole(AriaRole.Link, new() { Name = "Download all (.zip)" }).ClickAsync());

        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        using var zip = System.IO.Compression.ZipFile.OpenRead(await download.PathAsync());
        Assert.Equal(["ticket-volume-chart.png", "offsite-photo.jpg"], zip.Entries.Select(e => e.FullName));
    }
}
