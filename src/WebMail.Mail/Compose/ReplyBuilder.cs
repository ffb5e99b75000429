using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WebMail.Mail.Model;

namespace WebMail.Mail.Compose;

/// <summary>Reply and forward conventions: subject prefixes without stacking, recipients, quoting.</summary>
public static partial class ReplyBuilder
{
    [GeneratedRegex(@"^\s*((re|aw|sv|fwd?|wg|tr)\s*(\[\d+\])?\s*:\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReplyPrefixes();

    /// <summary>"Re: x" for a reply, "Fwd: x" for a forward, never "Re: Re: x".</summary>
    public static string Subject(string original, ReplyKind kind)
    {
        var bare = ReplyPrefixes().Replace(original == "(no subject)" ? "" : original, "");
        return (kind is ReplyKind.Reply or ReplyKind.ReplyAll ? "Re: " : "Fwd: ") + bare;
    }

    /// <summary>Who a reply goes to: Reply-To or From; reply-all adds To and Cc, minus the user's own addresses and duplicates.</summary>
    public static (string To, string Cc) Recipients(MessageView original, ReplyKind kind, IReadOnlyCollection<string> ownAddresses)
    {
        if (kind is ReplyKind.Forward or ReplyKind.ForwardAsAttachment)
        {
            return ("", "");
        }

        var own = new HashSet<string>(ownAddresses, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var primary = (original.ReplyTo.Count > 0 ? original.ReplyTo : original.From is null ? [] : [original.From]).ToList();
        var to = Take(primary);
        var cc = kind == ReplyKind.ReplyAll ? Take(original.To.Concat(original.Cc)) : [];
        if (to.Count == 0 && cc.Count > 0)
        {
            // Replying to one's own message: answer its recipients instead.
            to = cc;
            cc = [];
        }

        return (string.Join(", ", to), string.Join(", ", cc));

        List<string> Take(IEnumerable<MailAddress> addresses) =>
            [.. addresses.Where(a => !own.Contains(a.Address) && seen.Add(a.Address)).Select(a => a.ToString())];
    }

    /// <summary>The original, quoted with an attribution line ("On …, … wrote:") or as a forwarded block, in <paramref name="wording"/> (English when null).</summary>
    public static string QuotedText(MessageView original, string originalText, ReplyKind kind, ReplyWording? wording = null)
    {
        var w = wording ?? ReplyWording.English;
        var date = w.FormatDate(original.Date);
        var text = new StringBuilder();
        text.Append("\r\n\r\n");
        if (kind is ReplyKind.Reply or ReplyKind.ReplyAll)
        {
            text.Append(string.Format(CultureInfo.InvariantCulture, w.Wrote, date, original.From?.ToString() ?? w.Someone)).Append("\r\n");
            foreach (var line in originalText.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
            {
                text.Append(line.StartsWith('>') ? ">" : "> ").Append(line).Append("\r\n");
            }
        }
        else
        {
            text.Append(w.Forwarded).Append("\r\n")
                .Append(CultureInfo.InvariantCulture, $"{w.From} {original.From}\r\n")
                .Append(CultureInfo.InvariantCulture, $"{w.Date} {date}\r\n")
                .Append(CultureInfo.InvariantCulture, $"{w.Subject} {original.Subject}\r\n")
                .Append(CultureInfo.InvariantCulture, $"{w.To} {string.Join(", ", original.To)}\r\n\r\n")
                .Append(originalText);
        }

        return text.ToString();
    }
}
