using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebMail.Web.Account;
using WebMail.Web.Tests.Hosting;

namespace WebMail.Web.Tests.Account;

/// <summary>The provider-specific SSO settings (resource indicator, prompt, metadata address) are checked at start, with a sentence naming the setting.</summary>
public sealed class OidcSettingsTests
{
    [Theory]
    [InlineData("WebMail__Authentication__Oidc__Resource", "mail-server", "WebMail:Authentication:Oidc:Resource must be an absolute URI without a fragment")]
    [InlineData("WebMail__Authentication__Oidc__Resource", "https://mail.example.test/#imap", "WebMail:Authentication:Oidc:Resource must be an absolute URI without a fragment")]
    [InlineData("WebMail__Authentication__Oidc__MetadataAddress", "keycloak:8180/realms/webmail", "WebMail:Authentication:Oidc:MetadataAddress must be an absolute URL of the discovery document")]
    [InlineData("WebMail__Authentication__Oidc__Prompt", "always", "WebMail:Authentication:Oidc:Prompt has an unknown value \"always\"")]
    [InlineData("WebMail__Authentication__Oidc__Prompt", "none consent", "WebMail:Authentication:Oidc:Prompt cannot combine none with other values.")]
    public async Task Start_BadProviderSetting_ExitsWithSentenceNamingIt(string variable, string value, string expected)
    {
        var (exitCode, lastLine) = await StartupValidationTests.RunWebMailAsync(new()
        {
            ["WebMail__Authentication__Oidc__Enabled"] = "true",
            ["WebMail__Authentication__Oidc__Authority"] = "https://login.example.test/",
            ["WebMail__Authentication__Oidc__ClientId"] = "webmail",
            [variable] = value,
        });

        Assert.NotEqual(0, exitCode);
        Assert.StartsWith("WebMail cannot start: ", lastLine, StringComparison.Ordinal);
        Assert.Contains(expected, lastLine, StringComparison.Ordinal);
    }

    [Fact]
    public void MetadataAddress_Set_DiscoveryIsReadThereWhileTheIssuerStaysTheAuthority()
    {
        const string internalAddress = "http://keycloak:8180/realms/webmail/.well-known/openid-configuration";
        using var factory = new WebMailFactory()
            .With("WebMail:Authentication:Oidc:Enabled", "true")
            .With("WebMail:Authentication:Oidc:Authority", "http://127.0.0.1:8180/realms/webmail")
            .With("WebMail:Authentication:Oidc:MetadataAddress", internalAddress)
            .With("WebMail:Authentication:Oidc:ClientId", "webmail")
            .With("WebMail:Authentication:Oidc:RequireHttpsMetadata", "false");

        var options = factory.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(OidcSignInOptions.Scheme);

        Assert.Equal(internalAddress, options.MetadataAddress);
        Assert.Equal("http://127.0.0.1:8180/realms/webmail", options.Authority);
    }
}
