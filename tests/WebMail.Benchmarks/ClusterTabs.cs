using Microsoft.Playwright;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.Benchmarks;

/// <summary>One benchmark user: a browser context (its cookies), its open tabs, and the instance that served it.</summary>
internal sealed record ClusterUser(string Name, IBrowserContext Context, List<IPage> Pages, string Instance);

/// <summary>N users signed in through Chromium, each watching its inbox for new rows (<see cref="RowArrivals"/>).</summary>
internal sealed class ClusterTabs : IAsyncDisposable
{
    private ClusterTabs(List<ClusterUser> users) => Users = users;

    public List<ClusterUser> Users { get; }

    public int TabCount => Users.Sum(u => u.Pages.Count);

    /// <summary>Signs in <paramref name="count"/> new users at <paramref name="baseAddress"/>; every third gets a second tab.</summary>
    public static async Task<ClusterTabs> OpenAsync(IBrowser browser, string baseAddress, int count, string round)
    {
        var users = new List<ClusterUser>();
        for (var i = 0; i < count; i++)
        {
            var name = MailStack.NewUser($"c{round}{i:D2}");
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress, ViewportSize = new ViewportSize { Width = 1000, Height = 600 } });
            var pages = new List<IPage>();
            var first = await context.NewPageAsync();
            await UserActions.SignInAsync(first, name);
            pages.Add(first);
            if (i % 3 == 0)
            {
                var second = await context.NewPageAsync();
                await second.GotoAsync("/");
                await UserActions.WaitInteractiveAsync(second);
                pages.Add(second);
            }

            foreach (var page in pages)
            {
                await RowArrivals.WatchAsync(page);
            }

            users.Add(new ClusterUser(name, context, pages, await InstanceOfAsync(context)));
        }

        return new ClusterTabs(users);
    }

    /// <summary>Which instance answers this browser (its cookies, so its affinity): the X-WebMail-Instance header, or "single".</summary>
    public static async Task<string> InstanceOfAsync(IBrowserContext context)
    {
        var response = await context.APIRequest.GetAsync("/healthz");
        return response.Headers.TryGetValue("x-webmail-instance", out var name) ? name : "single";
    }

    public IReadOnlyDictionary<string, int> UsersByInstance() =>
        Users.GroupBy(u => u.Instance).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    public async ValueTask DisposeAsync()
    {
        foreach (var user in Users)
        {
            await user.Context.DisposeAsync();
        }
    }
}
