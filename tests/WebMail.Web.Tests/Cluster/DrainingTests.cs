using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebMail.Web.Cluster;

namespace WebMail.Web.Tests.Cluster;

/// <summary>An instance told to stop drains: readiness fails with "draining", new requests get 503 + Retry-After so the proxy goes elsewhere.</summary>
public sealed class DrainingTests
{
    [Fact]
    public async Task StopRequested_ReadyzDrainingAndNewRequests503WithRetryAfter_HealthzStill200()
    {
        // The host's shutdown is held at its first hosted service to stop (this one, registered last) until the test has
        // looked: otherwise the in-memory server may be gone before the last request (a real process keeps serving while
        // its drain runs).
        var held = new HeldStop();
        using var factory = new WebMailFactory().With("WebMail:Cluster:InstanceName", "one");
        using var app = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddHostedService(_ => held)));
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        // What SIGTERM does first (the test host itself keeps running).
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.True(app.Services.GetRequiredService<DrainState>().IsDraining);
        var page = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), page.Headers.RetryAfter?.Delta);
        Assert.Equal("one", page.Headers.GetValues(AffinitySetup.InstanceHeader).Single());
        var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("draining", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        held.Release();
    }

    private sealed class HeldStop : IHostedService
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _released.TrySetResult();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => _released.Task.WaitAsync(cancellationToken);
    }
}
