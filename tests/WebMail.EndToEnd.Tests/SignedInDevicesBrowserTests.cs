using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;
using WebMail.Web.Account;

namespace WebMail.EndToEnd.Tests;

/// <summary>"Signed-in devices" in Chromium: one browser ends another's sign-in, which leaves at once and whose frame URLs die.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedInDevicesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignedInDevices_FirstBrowserEndsTheSecond_SecondShowsSignInPageWithTheSentenceAndItsFrameGets404()
    {
        var user = MailStack.NewUser("devices");
        await Seeder.SeedAsync(user, MailStack.TestPassword, [Corpus.File("html-inline-cid-logo.eml")]);
        await using var first = await browser.SignedInAsync(user);
        await using var second = await browser.SignedInAsync(user);

        // The second browser reads an HTML message: its frame and inline image are served under its sign-in's tokens.
        await second.Page.GetByRole(AriaRole.Link, new() { Name = "Inline logo via cid" }).ClickAsync();
        var image = second.Page.FrameLocator("iframe[title='Message content']").Locator("img").First;
        await Assertions.Expect(image).ToBeVisibleAsync();
        var frameUrl = Absolute(await second.Page.Locator("iframe[title='Message content']").GetAttributeAsync("src"));
        var imageUrl = Absolute(await image.GetAttributeAsync("src"));
        Assert.Equal(200, (await second.Context.APIRequest.GetAsync(frameUrl)).Status);
        Assert.Equal(200, (await second.Context.APIRequest.GetAsync(imageUrl)).Status);

        // The first browser lists both sign-ins, itself marked, and ends the other.
        await first.Page.GetByRole(AriaRole.Link, new() { Name = "Signed-in devices" }).ClickAsync();
        await UserActions.WaitInteractiveAsync(first.Page);
        var devices = first.Page.GetByRole(AriaRole.List, new() { Name = "Signed-in devices" });
        await Assertions.Expect(devices.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Assertions.Expect(devices.GetByText("This device")).ToHaveCountAsync(1);
        await Assertions.Expect(devices).ToContainTextAsync("Chrome");
        await devices.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(first.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Signed out" })).ToBeVisibleAsync();
        await Assertions.Expect(devices.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);

        // The second browser, untouched, is on the sign-in page saying why: told at once, not at its tab's next
        // sign-in check (every 20 s), hence the bound below that check's interval.
        await Assertions.Expect(second.Page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 15_000 });
        await Assertions.Expect(second.Page.GetByText(SignInEndReason.EndedElsewhereSentence)).ToBeVisibleAsync();

        // Its inline image (which needs no cookie) is gone; so is its frame, even once signed in again.
        Assert.Equal(404, (await second.Context.APIRequest.GetAsync(imageUrl)).Status);
        await UserActions.SignInAsync(second.Page, user);
        Assert.Equal(404, (await second.Context.APIRequest.GetAsync(frameUrl, new() { MaxRedirects = 0 })).Status);

        // The first browser was never interrupted.
        await first.Page.GetByRole(AriaRole.Link, new() { Name = "WebMail" }).ClickAsync();
        await Assertions.Expect(first.Page.GetByRole(AriaRole.Link, new() { Name = "Inline logo via cid" })).ToBeVisibleAsync();
    }

    private string Absolute(string? url) => new Uri(new Uri(browser.BaseAddress + "/"), url).ToString();
}
