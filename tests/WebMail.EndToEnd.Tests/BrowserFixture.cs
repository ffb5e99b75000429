using Microsoft.Playwright;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>One app and one Chromium shared by every browser test (they run one after another).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private IPlaywright? _playwright;

    public KestrelWebMailFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string BaseAddress { get; private set; } = "";

    public async Task InitializeAsync()
    {
        // Every wait is on state (a role, a text, a URL); these are only the upper bounds, generous enough for a
        // machine that is busy with other work (the suite must pass with two CPU burners beside it).
        Assertions.SetDefaultExpectTimeout(30_000);
        App.StartServer();
        BaseAddress = App.BaseAddress;
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>A fresh browser context (own cookies) with every request outside the app recorded and answered locally.</summary>
    public async Task<(IBrowserContext Context, List<string> OutsideRequests)> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress, AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(60_000);
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

    /// <summary>A fresh context with <paramref name="user"/> signed in and the mail view interactive.</summary>
    public async Task<BrowserSession> SignedInAsync(string user)
    {
        var (context, outside) = await NewContextAsync();
        var page = await context.NewPageAsync();
        await UserActions.SignInAsync(page, user);
        return new BrowserSession(context, page, outside);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>One signed-in browser context; <see cref="OutsideRequests"/> lists every request that left the app.</summary>
public sealed record BrowserSession(IBrowserContext Context, IPage Page, List<string> OutsideRequests) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Context.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
