using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace WebMail.Web.Tests.Cluster;

/// <summary>
/// Two replicas started at the same moment on an empty PostgreSQL database, as <c>docker compose up</c> does the first
/// time: both come up (one migrates, the other waits for it), and both seal cookies with one shared key — not a key
/// each, which the other could read only in the first two minutes after its start.
/// </summary>
public sealed class ConcurrentStartTests : IAsyncLifetime
{
    private SharedDatabaseInstances _instances = default!;

    public async Task InitializeAsync() => _instances = await SharedDatabaseInstances.CreateAsync(migrated: false);

    public async Task DisposeAsync() => await _instances.DisposeAsync();

    [Fact]
    public async Task TwoInstancesStartTogetherOnAnEmptyDatabase_BothServe_OneKeyRingKeyBothUse()
    {
        using var start = new Barrier(2);
        var clients = await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); return _instances.One.CreateBrowserClient(); }),
            Task.Run(() => { start.SignalAndWait(); return _instances.Two.CreateBrowserClient(); }));

        // The sign-in page at both at once: each seals an antiforgery cookie.
        var pages = await Task.WhenAll(clients.Select(c => c.GetAsync("/account/login")));
        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.All(pages, p => Assert.Contains(p.Headers.GetValues("Set-Cookie"), c => c.StartsWith("webmail.af=", StringComparison.Ordinal)));

        await using (var db = await _instances.Database.Factory.CreateDbContextAsync())
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        }

        // Both rings hold the one key as the key new cookies are sealed with, so either reads the other's for good
        // (not only while the framework still re-reads unknown keys after a start).
        var keyOfOne = _instances.One.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing().DefaultKeyId;
        var keyOfTwo = _instances.Two.Services.GetRequiredService<IKeyRingProvider>().GetCurrentKeyRing().DefaultKeyId;
        Assert.Equal(keyOfOne, keyOfTwo);
        var sealedByTwo = _instances.Two.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("concurrent-start").Protect("from two");
        Assert.Equal("from two", _instances.One.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("concurrent-start").Unprotect(sealedByTwo));
    }
}
