using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebMail.Web.Resources;

namespace WebMail.Web.Mail;

/// <summary>
/// Decides which From addresses a signed-in user may send as (<see cref="IdentityOptions"/>): the sign-in address,
/// the aliases configured for the user, their domain or everyone, or anything when the administrator allows it.
/// Asked by the identities page, the compose From list and, again, at send time.
/// </summary>
public sealed partial class SenderPolicy(IOptions<IdentityOptions> options, IStringLocalizer<Strings> l)
{
    private readonly IdentityOptions _options = options.Value;

    /// <summary>True when <paramref name="userName"/> may send as <paramref name="address"/> (a bare address).</summary>
    public bool Allows(string userName, string address)
    {
        if (_options.AllowAnyAddress || string.Equals(userName, address, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var at = userName.LastIndexOf('@');
        var (local, domain) = at < 0 ? (userName, "") : (userName[..at], userName[(at + 1)..]);
        return _options.AllowedAddresses
            .Where(rule => Applies(rule.Key, userName, domain))
            .SelectMany(rule => rule.Value ?? [])
            .Any(pattern => Matches(pattern, local, domain, address));
    }

    /// <summary>The sentence shown when the user may not send as <paramref name="address"/>, or null when allowed.</summary>
    public string? Refusal(string userName, string address) => Allows(userName, address)
        ? null
        : l["You may not send as {0}: it is not one of the addresses your mail administrator allows for your account.", address].Value;

    /// <summary>The sentence shown when an invitation's answer may not go out as <paramref name="address"/>, or null when allowed.</summary>
    public string? AnswerRefusal(string userName, string address) =>
        Refusal(userName, address) is { } refusal ? l["{0} Your answer was not sent.", refusal].Value : null;

    private static bool Applies(string who, string userName, string domain) =>
        who == "*"
        || string.Equals(who, userName, StringComparison.OrdinalIgnoreCase)
        || (who.StartsWith("*@", StringComparison.Ordinal) && string.Equals(who[2..], domain, StringComparison.OrdinalIgnoreCase));

    private static bool Matches(string pattern, string local, string domain, string address)
    {
        // {local} and {domain} are the sign-in address's parts, taken literally; * is any characters but @.
        var regex = "^" + string.Concat(PatternPart().Matches(pattern).Select(part => part.Value switch
        {
            "{local}" => Regex.Escape(local),
            "{domain}" => Regex.Escape(domain),
            "*" => "[^@]*",
            var text => Regex.Escape(text),
        })) + "$";
        return Regex.IsMatch(address, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    [GeneratedRegex(@"\{local\}|\{domain\}|\*|[^*{]+|\{")]
    private static partial Regex PatternPart();
}
