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
        using var app = new WebMailFactory().With("WebMail:Cluster:InstanceName", "one");
        using var client = app.CreateBrowserClient();
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
    }
}
