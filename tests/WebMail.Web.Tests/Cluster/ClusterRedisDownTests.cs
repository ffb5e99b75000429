using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Account;
using WebMail.Web.Data;
using WebMail.Web.Mail;
using WebMail.Web.Tests.Mail;

namespace WebMail.Web.Tests.Cluster;

/// <summary>Redis stops, or is not there at start: readiness says so naming the setting, and this instance's users keep their mail.</summary>
public sealed class ClusterRedisDownTests(ClusterInstances cluster) : IClassFixture<ClusterInstances>
{
    [Fact]
    public async Task RedisStops_ReadyzIs503NamingRedis_AndPushAndSignOutStillWorkOnThisInstance()
    {
        await using var redis = OwnRedis.OnFreePort();
        await redis.StartAsync();
        await using var app = cluster.Instance("c", redis.Configuration);
        app.StartServer();
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseAddress) };
        var (status, checks) = await ReadyAsync(http);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, checks.GetProperty("redis").GetProperty("status").GetString()));
        var user = MailStack.NewUser("down");
        await ClusterInstances.PasswordSignInAsync(app.BaseAddress, user);

        var pool = app.Services.GetRequiredService<ImapSessionPool>();
        using (var lease = pool.Lease(user))
        {
            Assert.Contains(await lease.Session.Folders.GetFoldersAsync(), f => f.Path == "INBOX");
        }

        await redis.StopAsync();

        (status, checks) = await ReadyAsync(http);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks.GetProperty("redis").GetProperty("status").GetString());
        Assert.Contains("WebMail:Cluster:Redis", checks.GetProperty("redis").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", checks.GetProperty("mail-server").GetProperty("status").GetString());

        // This instance's own user: the push pokes the session here; the sign-out ends the sign-in and closes the session.
        using var counts = new PushCounts(app.Services);
        Assert.Equal(HttpStatusCode.NoContent, (await ClusterInstances.PushAsync(app.BaseAddress, user)).StatusCode);
        Assert.Equal(["accepted/poked"], counts.Results);
        var store = app.Services.GetRequiredService<SignInStore>();
        var sid = Assert.Single(await store.ListAsync(user)).Id;
        Assert.NotNull(await store.EndAsync(sid));
        Assert.False(pool.Poke(user), "the session closed with the user's last sign-in");
    }

    [Fact]
    public async Task RedisDownAtStart_InstanceStartsUnready_ThenJoinsTheOthersWhenRedisComes()
    {
        await using var redis = OwnRedis.OnFreePort();
        await using var early = cluster.Instance("early", redis.Configuration);
        early.StartServer();
        using var http = new HttpClient { BaseAddress = new Uri(early.BaseAddress) };
        var (status, checks) = await ReadyAsync(http);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (status, checks.GetProperty("redis").GetProperty("status").GetString()));

        await redis.StartAsync();
        await ClusterInstances.UntilAsync(async () => (await ReadyAsync(http)).Status == HttpStatusCode.OK, "the instance is ready once Redis answers");

        // It listens to the others now: a settings change on a later instance reaches it.
        await using var late = cluster.Instance("late", redis.Configuration);
        late.StartServer();
        var user = MailStack.NewUser("down");
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        early.Services.GetRequiredService<OrganizeSettingsStore>().Changed += who =>
        {
            if (who == user)
            {
                changed.TrySetResult();
            }
        };
        await late.Services.GetRequiredService<OrganizeSettingsStore>().SetOrganizeSettingsAsync(user, OrganizeSettings.Default with { Theme = ThemeChoice.Light });
        await changed.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData("127.0.0.1:56379,notakeyword=1")]
    [InlineData("127.0.0.1:56379,password=s3cret-never-shown,connectTimeout=soon")]
    [InlineData(",")]
    public async Task MalformedRedisSetting_StartFailsNamingTheSettingWithoutRepeatingIt(string value)
    {
        var (exitCode, lastLine) = await Hosting.StartupValidationTests.RunWebMailAsync(new() { ["WebMail__Cluster__Redis"] = value });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("WebMail:Cluster:Redis is not a valid StackExchange.Redis configuration string", lastLine, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", lastLine, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Checks)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/readyz");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.GetProperty("checks").Clone());
    }
}
