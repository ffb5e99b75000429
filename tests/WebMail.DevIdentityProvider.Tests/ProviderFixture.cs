using WebMail.Testing.Web;

namespace WebMail.DevIdentityProvider.Tests;

/// <summary>One dev provider for the test classes of the collection; each test uses its own fresh user.</summary>
public sealed class ProviderFixture : IAsyncLifetime
{
    public DevIdentityProviderHost Host { get; } = new(TimeSpan.FromMinutes(5));

    public Task InitializeAsync()
    {
        _ = Host.Authority; // starts it
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ProviderCollection : ICollectionFixture<ProviderFixture>
{
    public const string Name = "dev identity provider";
}
