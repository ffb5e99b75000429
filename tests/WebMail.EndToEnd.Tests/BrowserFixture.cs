using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WebMail.Testing;

namespace WebMail.EndToEnd.Tests;

/// <summary>The real app on a Kestrel port of its own, against the real local mail stack.</summary>
public sealed class KestrelWebMailFactory : WebApplicationFactory<Program>
{
    public KestrelWebMailFactory() => UseKestrel(0);

    public string BaseAddress =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("WebMail:Imap:Host", MailStack.Host);
        builder.UseSetting("WebMail:Imap:Port", MailStack.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("WebMail:Imap:Security", "StartTls");
        builder.UseSetting("WebMail:Imap:TrustedCertificatePath", MailStack.CertificatePath);
    }
}

/// <summary>One app and one Chromium shared by every browser test (they run one after another).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public KestrelWebMailFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseAddress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App.StartServer();
        BaseAddress = App.BaseAddress;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with every request outside the app recorded and answered locally.</summary>
    public async Task<(IBrowserContext Context, List<string> OutsideRequests)> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress, AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var outside = new List<string>();
        await context.RouteAsync(url => !url.StartsWith(BaseAddress, StringComparison.Ordinal), async route =>
        {
            lock (outside)
            {
                outside.Add(route.Request.Url);
            }

            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "image/png", BodyBytes = TinyPng });
        });
        return (context, outside);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>What a person does in the app, in Playwright terms.</summary>
public static class UserActions
{
    /// <summary>Signs in through the form and waits until the mail view is interactive (clicks on prerendered HTML are lost).</summary>
    public static async Task SignInAsync(IPage page, string user, string password = MailStack.TestPassword)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email address").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await WaitInteractiveAsync(page);
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-render-mode=interactive]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30000 });
}
