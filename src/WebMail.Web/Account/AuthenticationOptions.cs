using Microsoft.Extensions.Options;

namespace WebMail.Web.Account;

/// <summary>How people sign in. Bound from <c>WebMail:Authentication</c>.</summary>
public sealed class AuthenticationOptions
{
    public const string SectionName = "WebMail:Authentication";

    public PasswordSignInOptions Password { get; set; } = new();

    public OidcSignInOptions Oidc { get; set; } = new();
}

/// <summary>Sign-in with the mail account's password, checked against the IMAP server.</summary>
public sealed class PasswordSignInOptions
{
    /// <summary>Offer the password form. Turn off for SSO only.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Sign-in with an OpenID Connect provider; its access token then logs in to IMAP and SMTP (XOAUTH2/OAUTHBEARER).</summary>
public sealed class OidcSignInOptions
{
    public const string Scheme = "oidc";

    /// <summary>Offer "Sign in with …". With the password form off, the sign-in page goes straight to the provider.</summary>
    public bool Enabled { get; set; }

    /// <summary>The provider's issuer URL; its discovery document is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>
    /// Where WebMail itself reads the discovery document when it reaches the provider at another address than browsers
    /// do (an internal name in a container network: <c>http://keycloak:8180/realms/webmail/.well-known/openid-configuration</c>).
    /// The issuer stays <see cref="Authority"/>. Empty: <c>{Authority}/.well-known/openid-configuration</c>.
    /// </summary>
    public string? MetadataAddress { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Space-separated scopes. Include what your mail server needs (Exchange Online: <c>https://outlook.office.com/IMAP.AccessAsUser.All</c>; Google: <c>https://mail.google.com/</c>).</summary>
    public string Scopes { get; set; } = "openid profile email offline_access";

    /// <summary>The claim that gives the mail user name; <see cref="FallbackUserNameClaim"/> is used when it is missing.</summary>
    public string UserNameClaim { get; set; } = "email";

    public string FallbackUserNameClaim { get; set; } = "preferred_username";

    /// <summary>Name on the sign-in button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "your company account";

    /// <summary>Refresh the access token when it has fewer than this many seconds left.</summary>
    public int RefreshBeforeExpirySeconds { get; set; } = 60;

    /// <summary>Require https for the provider's metadata. Only the local development provider runs on http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>
    /// RFC 8707 resource indicator (an absolute URI) sent with the authorization request, the code exchange and
    /// every refresh, for providers that issue access tokens per resource (node oidc-provider, some enterprise
    /// IdPs): the mail server's identifier there. Empty: none sent.
    /// </summary>
    public string? Resource { get; set; }

    /// <summary>
    /// OpenID Connect <c>prompt</c> sent with the authorization request, e.g. <c>consent</c> for providers that
    /// grant <c>offline_access</c> (a refresh token) only after consent. Empty: none sent.
    /// </summary>
    public string? Prompt { get; set; }
}

/// <summary>Start-time checks with sentences that name the setting.</summary>
public sealed class AuthenticationOptionsValidator : IValidateOptions<AuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthenticationOptions options)
    {
        var failures = new List<string>();
        var oidc = options.Oidc;
        if (!options.Password.Enabled && !oidc.Enabled)
        {
            failures.Add("WebMail:Authentication: both Password:Enabled and Oidc:Enabled are false, so nobody could sign in; turn one on.");
        }

        if (oidc.Enabled)
        {
            if (!Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
            {
                failures.Add("WebMail:Authentication:Oidc:Authority must be the provider's absolute issuer URL (for example https://login.example.com/realms/acme).");
            }
            else if (authority.Scheme == "http" && oidc.RequireHttpsMetadata)
            {
                failures.Add("WebMail:Authentication:Oidc:Authority uses http; use https, or set Oidc:RequireHttpsMetadata to false for a local development provider.");
            }

            if (!string.IsNullOrEmpty(oidc.MetadataAddress) && (!Uri.TryCreate(oidc.MetadataAddress, UriKind.Absolute, out var metadata) || metadata.Scheme is not ("https" or "http")))
            {
                failures.Add("WebMail:Authentication:Oidc:MetadataAddress must be an absolute URL of the discovery document (for example http://keycloak:8180/realms/acme/.well-known/openid-configuration), or empty.");
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                failures.Add("WebMail:Authentication:Oidc:ClientId is missing: set it to the client id registered at your provider.");
            }

            if (!oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"))
            {
                failures.Add("WebMail:Authentication:Oidc:Scopes must include openid.");
            }

            if (oidc.RefreshBeforeExpirySeconds is < 0 or > 3600)
            {
                failures.Add("WebMail:Authentication:Oidc:RefreshBeforeExpirySeconds must be between 0 and 3600.");
            }

            if (!string.IsNullOrEmpty(oidc.Resource) && (!Uri.TryCreate(oidc.Resource, UriKind.Absolute, out var resource) || resource.Fragment.Length > 0 || oidc.Resource.Contains('#', StringComparison.Ordinal)))
            {
                failures.Add("WebMail:Authentication:Oidc:Resource must be an absolute URI without a fragment (RFC 8707), for example https://mail.example.com/.");
            }

            if (!string.IsNullOrEmpty(oidc.Prompt) && PromptProblem(oidc.Prompt) is { } problem)
            {
                failures.Add($"WebMail:Authentication:Oidc:Prompt {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? PromptProblem(string prompt)
    {
        string[] known = ["none", "login", "consent", "select_account", "create"];
        var values = prompt.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (values.FirstOrDefault(v => !known.Contains(v, StringComparer.Ordinal)) is { } unknown)
        {
            return $"has an unknown value \"{unknown}\"; use space-separated values of: {string.Join(", ", known)}.";
        }

        return values.Contains("none") && values.Length > 1 ? "cannot combine none with other values." : null;
    }
}
