using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace WebMail.DevIdentityProvider;

/// <summary>
/// OpenIddict's application manager with RFC 8252 (section 7.3) loopback redirects: a registered redirect or
/// post-logout URI on a loopback host (<c>http://127.0.0.1/signin-oidc</c>, <c>http://localhost/...</c>) matches
/// the same URI on any port, because the tests run WebMail on random ports. Everything else must match
/// exactly as usual, so a non-loopback redirect is never accepted (none is registered).
/// </summary>
internal sealed class LoopbackApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache,
    ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public override async ValueTask<bool> ValidateRedirectUriAsync(TApplication application, string uri, CancellationToken cancellationToken = default) =>
        await base.ValidateRedirectUriAsync(application, uri, cancellationToken) ||
        MatchesLoopback(await GetRedirectUrisAsync(application, cancellationToken), uri);

    public override async ValueTask<bool> ValidatePostLogoutRedirectUriAsync(TApplication application, string uri, CancellationToken cancellationToken = default) =>
        await base.ValidatePostLogoutRedirectUriAsync(application, uri, cancellationToken) ||
        MatchesLoopback(await GetPostLogoutRedirectUrisAsync(application, cancellationToken), uri);

    public override async IAsyncEnumerable<TApplication> FindByRedirectUriAsync(string uri, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var application in FindByLoopbackUriAsync(uri, ValidateRedirectUriAsync, base.FindByRedirectUriAsync, cancellationToken))
        {
            yield return application;
        }
    }

    public override async IAsyncEnumerable<TApplication> FindByPostLogoutRedirectUriAsync(string uri, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var application in FindByLoopbackUriAsync(uri, ValidatePostLogoutRedirectUriAsync, base.FindByPostLogoutRedirectUriAsync, cancellationToken))
        {
            yield return application;
        }
    }

    /// <summary>A non-loopback URI is looked up as usual (exact match); a loopback one is checked against every application.</summary>
    private async IAsyncEnumerable<TApplication> FindByLoopbackUriAsync(
        string uri,
        Func<TApplication, string, CancellationToken, ValueTask<bool>> validate,
        Func<string, CancellationToken, IAsyncEnumerable<TApplication>> exact,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var source = LoopbackUri(uri) is null ? exact(uri, cancellationToken) : ListAsync(count: null, offset: null, cancellationToken);
        await foreach (var application in source)
        {
            if (await validate(application, uri, cancellationToken))
            {
                yield return application;
            }
        }
    }

    /// <summary>True when <paramref name="candidate"/> is a loopback http URI equal to a registered loopback URI but for the port.</summary>
    internal static bool MatchesLoopback(IEnumerable<string> registered, string candidate)
    {
        if (LoopbackUri(candidate) is not { } actual)
        {
            return false;
        }

        foreach (var entry in registered)
        {
            if (LoopbackUri(entry) is { } allowed &&
                string.Equals(allowed.Host, actual.Host, StringComparison.OrdinalIgnoreCase) &&
                string.Equals(allowed.AbsolutePath, actual.AbsolutePath, StringComparison.Ordinal) &&
                string.Equals(allowed.Query, actual.Query, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The URI when it is plain http on 127.0.0.1, [::1] or localhost, without user info or fragment; otherwise null.</summary>
    private static Uri? LoopbackUri(string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp ||
            !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return null;
        }

        // Uri accepts odd spellings of hosts (127.1, 0x7f.1, "127.0.0.1."): only the URI as written counts.
        var origin = $"http://{uri.Authority}";
        var canonical = value.Equals(origin, StringComparison.OrdinalIgnoreCase) || value.StartsWith(origin + "/", StringComparison.OrdinalIgnoreCase);
        var loopback = uri.Host is "127.0.0.1" or "[::1]" || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
        return canonical && loopback ? uri : null;
    }
}
