using Microsoft.Extensions.Options;

namespace WebMail.Web.Mail;

/// <summary>
/// Push notifications from the mail server (Dovecot's push_notification plugin, "ox" driver): at delivery
/// time it calls <c>/internal/dovecot/push</c>, and the user's open tabs update at once instead of after
/// Dovecot's IDLE delay. Bound from <c>WebMail:PushNotifications</c>.
/// </summary>
public sealed class PushNotificationOptions
{
    public const string SectionName = "WebMail:PushNotifications";

    /// <summary>Shortest secret accepted.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>
    /// The shared secret the mail server sends as the HTTP Basic password. Empty turns the feature off
    /// (the endpoint answers 404; IDLE/NOTIFY alone report new mail).
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>The HTTP Basic user name the mail server sends with the secret (the user part of the ox driver's URL).</summary>
    public string User { get; set; } = "dovecot";

    /// <summary>True when a secret is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(Secret);
}

/// <summary>Start-time checks with sentences that name the setting.</summary>
public sealed class PushNotificationOptionsValidator : IValidateOptions<PushNotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, PushNotificationOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Secret.Length < PushNotificationOptions.MinimumSecretLength || string.IsNullOrWhiteSpace(options.Secret))
        {
            failures.Add($"{PushNotificationOptions.SectionName}:Secret is shorter than {PushNotificationOptions.MinimumSecretLength} characters: " +
                "use a long random value (for example the output of `openssl rand -hex 32`), or leave it empty to turn push notifications off.");
        }

        if (string.IsNullOrWhiteSpace(options.User) || options.User.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"{PushNotificationOptions.SectionName}:User must be a non-empty name without ':' " +
                "(the HTTP Basic user name in the mail server's notification URL; default dovecot).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
