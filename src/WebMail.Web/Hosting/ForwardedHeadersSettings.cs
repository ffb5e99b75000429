using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace WebMail.Web.Hosting;

/// <summary>
/// <c>WebMail:ForwardedHeaders</c>: which reverse proxies may tell WebMail the browser's address, scheme and host
/// (<c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c>). Nothing is trusted until a proxy is
/// listed (not even loopback, unlike ASP.NET Core's default): a header from any other address is ignored.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "WebMail:ForwardedHeaders";

    /// <summary>Addresses of the proxies in front of WebMail (e.g. <c>10.0.0.5</c>, <c>::1</c>). Entries may be comma-separated lists.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation (e.g. <c>172.18.0.0/16</c>). Entries may be comma-separated lists.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// Host names a proxy may forward in <c>X-Forwarded-Host</c> (<c>mail.example.com</c>, <c>*.example.com</c>).
    /// Empty: <c>X-Forwarded-Host</c> is ignored and the proxy must pass the browser's Host header through.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How many proxies in a chain are read from the end of <c>X-Forwarded-For</c>; 1 for a single proxy.</summary>
    public int ForwardLimit { get; set; } = 1;

    internal static IEnumerable<string> Entries(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    internal bool TrustsAnyProxy => Entries(KnownProxies).Any() || Entries(KnownNetworks).Any();
}

/// <summary>Start-time checks with sentences that name the setting.</summary>
public sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var failures = new List<string>();
        foreach (var proxy in ForwardedHeadersSettings.Entries(options.KnownProxies).Where(p => !IPAddress.TryParse(p, out _)))
        {
            failures.Add($"{ForwardedHeadersSettings.SectionName}:KnownProxies has \"{proxy}\", which is not an IP address (for example 10.0.0.5 or ::1; networks go in KnownNetworks).");
        }

        foreach (var network in ForwardedHeadersSettings.Entries(options.KnownNetworks).Where(n => !TryParseNetwork(n, out _)))
        {
            failures.Add($"{ForwardedHeadersSettings.SectionName}:KnownNetworks has \"{network}\", which is not a network in CIDR notation (for example 172.18.0.0/16; no host bits set after the prefix).");
        }

        foreach (var host in ForwardedHeadersSettings.Entries(options.AllowedHosts).Where(h => h.Contains('/', StringComparison.Ordinal) || (h.Contains(':', StringComparison.Ordinal) && !h.StartsWith('['))))
        {
            failures.Add($"{ForwardedHeadersSettings.SectionName}:AllowedHosts has \"{host}\"; list host names only (for example mail.example.com or *.example.com), without scheme or path.");
        }

        if (options.ForwardLimit is < 1 or > 10)
        {
            failures.Add($"{ForwardedHeadersSettings.SectionName}:ForwardLimit must be between 1 and 10 (the number of proxies in front of WebMail).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A CIDR network whose address has no bits set past the prefix (10.0.0.1/8 is refused, not quietly read as 10.0.0.0/8).</summary>
    internal static bool TryParseNetwork(string value, out System.Net.IPNetwork network) =>
        System.Net.IPNetwork.TryParse(value, out network) && IPAddress.TryParse(value.Split('/')[0], out var address) && address.Equals(network.BaseAddress);
}

/// <summary>Wires <see cref="ForwardedHeadersSettings"/> into ASP.NET Core's ForwardedHeadersMiddleware.</summary>
public static class ForwardedHeadersExtensions
{
    public static WebApplicationBuilder AddWebMailForwardedHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>, ForwardedHeadersSettingsValidator>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) => Configure(o, settings.Value));
        return builder;
    }

    private static void Configure(ForwardedHeadersOptions options, ForwardedHeadersSettings settings)
    {
        // ASP.NET Core trusts loopback by default; WebMail trusts only what the operator lists.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        options.ForwardedHeaders = ForwardedHeaders.None;
        if (!settings.TrustsAnyProxy)
        {
            return;
        }

        foreach (var proxy in ForwardedHeadersSettings.Entries(settings.KnownProxies))
        {
            if (IPAddress.TryParse(proxy, out var address))
            {
                options.KnownProxies.Add(address);
            }
        }

        foreach (var network in ForwardedHeadersSettings.Entries(settings.KnownNetworks))
        {
            if (ForwardedHeadersSettingsValidator.TryParseNetwork(network, out var parsed))
            {
                options.KnownIPNetworks.Add(parsed);
            }
        }

        options.ForwardLimit = settings.ForwardLimit;
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        var hosts = ForwardedHeadersSettings.Entries(settings.AllowedHosts).ToList();
        if (hosts.Count > 0)
        {
            options.ForwardedHeaders |= ForwardedHeaders.XForwardedHost;
            options.AllowedHosts = hosts;
        }
    }
}
