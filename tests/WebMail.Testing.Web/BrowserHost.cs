using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace WebMail.Testing.Web;

/// <summary>The real app on a Kestrel port of its own, against the real local mail stack (STARTTLS with the stack's certificate).</summary>
public sealed class KestrelWebMailFactory : WebApplicationFactory<Program>
{
    private readonly string _environment;

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private Action<IServiceCollection>? _services;

    /// <param name="dataDirectory">The settings database folder; a new temporary one when null (pass an old one to simulate a restart).</param>
    /// <param name="port">A fixed port (e.g. the one Dovecot's push notifications are sent to); 0 for a free one.</param>
    public KestrelWebMailFactory(string environment = "Development", string? dataDirectory = null, int port = 0)
    {
        _environment = environment;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("webmail-app-").FullName;

        // The host finds the app's content root by this variable before any other way; set it so the
        // factory works from any referencing project (tests, benchmarks).
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_WEBMAIL_WEB", Path.Combine(Repository.Root, "src", "WebMail.Web"));
        UseKestrel(port);
    }

    /// <summary>Overrides one setting (before the app starts).</summary>
    public KestrelWebMailFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Single sign-on through <paramref name="provider"/>, the password form off unless asked for; reached at
    /// <paramref name="authority"/> when given (e.g. through a <see cref="TcpRelay"/> a test can stop).
    /// </summary>
    public KestrelWebMailFactory WithSso(DevIdentityProviderHost provider, bool passwordToo = false, string? authority = null) =>
        With("WebMail:Authentication:Oidc:Enabled", "true")
            .With("WebMail:Authentication:Oidc:Authority", authority ?? provider.Authority)
            .With("WebMail:Authentication:Oidc:ClientId", DevIdentityProviderHost.ClientId)
            .With("WebMail:Authentication:Oidc:ClientSecret", DevIdentityProviderHost.ClientSecret)
            .With("WebMail:Authentication:Oidc:Scopes", DevIdentityProviderHost.Scopes)
            .With("WebMail:Authentication:Oidc:RequireHttpsMetadata", "false")
            .With("WebMail:Authentication:Oidc:DisplayName", "the dev provider")
            .With("WebMail:Authentication:Password:Enabled", passwordToo ? "true" : "false");

    /// <summary>Single sign-on (only) through the node oidc-provider, with its resource indicator and an optional prompt.</summary>
    public KestrelWebMailFactory WithSso(NodeOidcProviderHost provider, string? prompt, string? resource = NodeOidcProviderHost.Resource) =>
        With("WebMail:Authentication:Oidc:Enabled", "true")
            .With("WebMail:Authentication:Oidc:Authority", provider.Authority)
            .With("WebMail:Authentication:Oidc:ClientId", NodeOidcProviderHost.ClientId)
            .With("WebMail:Authentication:Oidc:ClientSecret", NodeOidcProviderHost.ClientSecret)
            .With("WebMail:Authentication:Oidc:Scopes", NodeOidcProviderHost.Scopes)
            .With("WebMail:Authentication:Oidc:RequireHttpsMetadata", "false")
            .With("WebMail:Authentication:Oidc:DisplayName", "the node provider")
            .With("WebMail:Authentication:Oidc:Resource", resource)
            .With("WebMail:Authentication:Oidc:Prompt", prompt)
            .With("WebMail:Authentication:Password:Enabled", "false");

    /// <summary>Replaces services (before the app starts), e.g. the clock.</summary>
    public KestrelWebMailFactory WithServices(Action<IServiceCollection> configure)
    {
        _services += configure;
        return this;
    }

    /// <summary>This instance's own settings database folder.</summary>
    public string DataDirectory { get; }

    public string BaseAddress =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("WebMail:Imap:Host", MailStack.Host);
        builder.UseSetting("WebMail:Imap:Port", MailStack.ImapPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("WebMail:Imap:Security", "StartTls");
        builder.UseSetting("WebMail:Imap:TrustedCertificatePath", MailStack.CertificatePath);
        builder.UseSetting("WebMail:Sieve:Port", MailStack.ManageSievePort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("WebMail:Smtp:Host", MailStack.Host);
        builder.UseSetting("WebMail:Smtp:Port", MailStack.SubmissionPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("WebMail:Smtp:Security", "StartTls");
        builder.UseSetting("WebMail:Smtp:TrustedCertificatePath", MailStack.CertificatePath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("WebMail:DataDirectory", DataDirectory);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }
}

/// <summary>Debian's Chromium through Playwright (its own browser download cannot work here).</summary>
public static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
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

    /// <summary>
    /// Switches the compose editor to rich text and returns it once it takes typing: the plain textarea (also a
    /// "Message" text box) must be gone first, or a fast test writes into the old editor while the new one starts.
    /// </summary>
    public static async Task<ILocator> SwitchToRichTextAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Rich text" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Plain text" })).ToHaveAttributeAsync("aria-pressed", "true");
        var editor = page.Locator("div[role=textbox][aria-label=Message]");
        await Assertions.Expect(editor).ToBeEditableAsync();
        return editor;
    }

    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-render-mode=interactive]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30000 });
}
