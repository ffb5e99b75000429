using Microsoft.Extensions.Options;

namespace WebMail.Web.Account;

/// <summary>How long a sign-in lasts. Bound from <c>WebMail:SignIn</c>.</summary>
public sealed class SignInLifetimeOptions
{
    public const string SectionName = "WebMail:SignIn";

    /// <summary>Shortest setting accepted: last-seen times are written at most once a minute per sign-in.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromMinutes(5);

    /// <summary>A sign-in with no request and no open tab for this long is ended (an open tab counts as activity).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>A sign-in is ended this long after it began, however active; the user signs in again.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>Refuses lifetimes too short to work with, naming the setting.</summary>
internal sealed class SignInLifetimeOptionsValidator : IValidateOptions<SignInLifetimeOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInLifetimeOptions options)
    {
        var failures = new List<string>();
        if (options.IdleTimeout < SignInLifetimeOptions.Minimum)
        {
            failures.Add("WebMail:SignIn:IdleTimeout must be at least 5 minutes (for example 12:00:00 for 12 hours).");
        }

        if (options.AbsoluteLifetime < SignInLifetimeOptions.Minimum || options.AbsoluteLifetime < options.IdleTimeout)
        {
            failures.Add("WebMail:SignIn:AbsoluteLifetime must be at least 5 minutes and not shorter than WebMail:SignIn:IdleTimeout (for example 14.00:00:00 for 14 days).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
