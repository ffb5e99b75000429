using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace WebMail.Web.Mail;

/// <summary>
/// Which From addresses a user may send as. Bound from <c>WebMail:Identities</c>. The sign-in address is always
/// allowed; <see cref="AllowedAddresses"/> adds aliases per user or per domain; <see cref="AllowAnyAddress"/> lifts
/// the limit (only where the mail server itself ties senders to logins, or trusts every user).
/// </summary>
public sealed class IdentityOptions
{
    public const string SectionName = "WebMail:Identities";

    /// <summary>Let users send as any address they type. Off by default: nobody can send as somebody else.</summary>
    public bool AllowAnyAddress { get; set; }

    /// <summary>
    /// Extra addresses, keyed by whom they apply to: a sign-in address (<c>alice@example.test</c>), a whole domain
    /// (<c>*@example.test</c>) or everyone (<c>*</c>). Each value is a list of address patterns: <c>{local}</c> and
    /// <c>{domain}</c> stand for the sign-in address's parts, and <c>*</c> in the local part matches any characters
    /// but <c>@</c> (for example <c>{local}+*@{domain}</c> for plus addresses).
    /// </summary>
    public Dictionary<string, string[]> AllowedAddresses { get; set; } = [];
}

/// <summary>Refuses a malformed <see cref="IdentityOptions.AllowedAddresses"/> entry at start, naming it.</summary>
public sealed partial class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    private const string Setting = IdentityOptions.SectionName + ":AllowedAddresses";

    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var failures = new List<string>();
        foreach (var (who, patterns) in options.AllowedAddresses)
        {
            if (!WhoShape().IsMatch(who))
            {
                failures.Add($"{Setting} has the key \"{who}\", which is neither a sign-in address (alice@example.test), a domain (*@example.test) nor * (everyone).");
            }

            foreach (var pattern in patterns ?? [])
            {
                if (!PatternShape().IsMatch(pattern ?? "") || PlaceholderName().Matches(pattern!).Any(m => m.Value is not ("{local}" or "{domain}")))
                {
                    failures.Add($"{Setting}:{who} has \"{pattern}\", which is not an address pattern: use an address where {{local}} and {{domain}} stand for the sign-in address's parts and * (local part only) for any characters, like {{local}}+*@example.test.");
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>"*", "*@domain" or "local@domain".</summary>
    [GeneratedRegex(@"^(\*|\*@[^\s@*{}<>,;""]+|[^\s@*{}<>,;""]+@[^\s@*{}<>,;""]+)$")]
    private static partial Regex WhoShape();

    /// <summary>A local part of characters, placeholders and *; one @; a domain of characters and placeholders.</summary>
    [GeneratedRegex(@"^([^\s@{}<>,;""]|\{[a-z]+\})+@([^\s@*{}<>,;""]|\{[a-z]+\})+$")]
    private static partial Regex PatternShape();

    [GeneratedRegex(@"\{[a-z]+\}")]
    private static partial Regex PlaceholderName();
}
