using System.Text;
using MimeKit;

namespace WebMail.Mail.Lists;

/// <summary>How a message's list can be left, read from its <c>List-Unsubscribe</c> header (RFC 2369, RFC 8058).</summary>
/// <param name="Web">The first https URI (else http), opened in a new tab or, with <paramref name="OneClick"/>, posted to by the server.</param>
/// <param name="Mailto">The first usable mailto: URI.</param>
/// <param name="OneClick">An https URI is there and <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c> is present (RFC 8058).</param>
/// <param name="ListName">What to call the list: the phrase or id of <c>List-Id</c>, if any.</param>
public sealed record ListUnsubscribe(Uri? Web, MailtoUnsubscribe? Mailto, bool OneClick, string? ListName)
{
    /// <summary>What the button does: one-click POST first, then a mail, then a web page.</summary>
    public UnsubscribeMethod Method => OneClick ? UnsubscribeMethod.OneClick
        : Mailto is not null ? UnsubscribeMethod.Mail
        : UnsubscribeMethod.WebPage;
}

/// <summary>The ways of unsubscribing, in the order they are preferred.</summary>
public enum UnsubscribeMethod
{
    /// <summary>RFC 8058: the server POSTs <c>List-Unsubscribe=One-Click</c> to the https URI.</summary>
    OneClick,

    /// <summary>A mail to the mailto: address, sent for the user.</summary>
    Mail,

    /// <summary>The list's web page, opened in a new tab.</summary>
    WebPage,
}

/// <summary>A mailto: unsubscribe target (RFC 6068): one address, and the subject and body it asks for.</summary>
public sealed record MailtoUnsubscribe(string Address, string Subject, string Body);

/// <summary>Reads <c>List-Unsubscribe</c>: angle-bracketed URIs separated by commas, with comments and folding tolerated, bad URIs skipped.</summary>
public static class ListUnsubscribeParser
{
    /// <summary>More URIs than this in one header are ignored (a header is no place for a list of hundreds).</summary>
    public const int MaxUris = 8;

    /// <summary>Longer URIs are skipped.</summary>
    public const int MaxUriLength = 2048;

    /// <summary>What <paramref name="headers"/> offer for unsubscribing; null when nothing usable is there.</summary>
    public static ListUnsubscribe? Parse(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.FirstOrDefault(h => h.Id == HeaderId.ListUnsubscribe) is not { } header)
        {
            return null;
        }

        Uri? https = null, http = null;
        MailtoUnsubscribe? mailto = null;
        foreach (var text in Uris(Unfold(header.Value)))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                continue;
            }

            if (uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo.Length == 0)
            {
                https ??= uri;
            }
            else if (uri.Scheme == Uri.UriSchemeHttp && uri.UserInfo.Length == 0)
            {
                http ??= uri;
            }
            else if (uri.Scheme == Uri.UriSchemeMailto)
            {
                mailto ??= ParseMailto(text);
            }
        }

        if (https is null && http is null && mailto is null)
        {
            return null;
        }

        var oneClick = https is not null && headers.Where(h => h.Field.Equals("List-Unsubscribe-Post", StringComparison.OrdinalIgnoreCase))
            .Any(h => Unfold(h.Value).Replace(" ", "", StringComparison.Ordinal).Equals("List-Unsubscribe=One-Click", StringComparison.OrdinalIgnoreCase));
        return new ListUnsubscribe(https ?? http, mailto, oneClick, ListName(headers));
    }

    /// <summary>The URIs between angle brackets, outside comments; whitespace inside a URI is dropped (RFC 2369 §2).</summary>
    internal static IEnumerable<string> Uris(string value)
    {
        var found = 0;
        for (var i = 0; i < value.Length && found < MaxUris; i++)
        {
            if (value[i] == '(')
            {
                i = SkipComment(value, i);
            }
            else if (value[i] == '<')
            {
                var end = value.IndexOf('>', i + 1);
                if (end < 0)
                {
                    yield break;
                }

                var uri = string.Concat(value.AsSpan(i + 1, end - i - 1).ToString().Where(c => !char.IsWhiteSpace(c)));
                i = end;
                if (uri.Length is > 0 and <= MaxUriLength)
                {
                    found++;
                    yield return uri;
                }
            }
        }
    }

    private static int SkipComment(string value, int start)
    {
        var depth = 0;
        for (var i = start; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '\\':
                    i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return i;
            }
        }

        return value.Length;
    }

    /// <summary>RFC 6068: <c>mailto:addr?subject=…&amp;body=…</c>; null when there is not exactly one valid address.</summary>
    internal static MailtoUnsubscribe? ParseMailto(string uri)
    {
        var rest = uri["mailto:".Length..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var to = Uri.UnescapeDataString(query < 0 ? rest : rest[..query]);
        string subject = "unsubscribe", body = "";
        foreach (var pair in (query < 0 ? "" : rest[(query + 1)..]).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (name.Equals("subject", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
            {
                subject = value;
            }
            else if (name.Equals("body", StringComparison.OrdinalIgnoreCase))
            {
                body = value;
            }
            else if (name.Equals("to", StringComparison.OrdinalIgnoreCase) && to.Length == 0)
            {
                to = value;
            }
        }

        return MailboxAddress.TryParse(to.Trim(), out var address) && address.Address.Contains('@', StringComparison.Ordinal)
            && !address.Address.Any(char.IsControl) ? new MailtoUnsubscribe(address.Address, Clean(subject, 200, keepLines: false), Clean(body, 2000, keepLines: true)) : null;
    }

    private static string? ListName(HeaderList headers)
    {
        if (headers.FirstOrDefault(h => h.Id == HeaderId.ListId) is not { } listId)
        {
            return null;
        }

        var value = Unfold(listId.Value).Trim();
        var open = value.IndexOf('<', StringComparison.Ordinal);
        var phrase = (open < 0 ? "" : value[..open]).Trim().Trim('"').Trim();
        var id = open < 0 ? value : value[(open + 1)..].TrimEnd('>').Trim();
        var name = phrase.Length > 0 ? phrase : id;
        return name.Length == 0 ? null : Clean(name, 120, keepLines: false);
    }

    private static string Unfold(string value) => value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);

    /// <summary>No control characters (line breaks kept only where asked); at most <paramref name="max"/> characters.</summary>
    private static string Clean(string value, int max, bool keepLines)
    {
        var text = new StringBuilder(Math.Min(value.Length, max));
        foreach (var c in value.Take(max))
        {
            text.Append(char.IsControl(c) && !(keepLines && c is '\n' or '\r') ? ' ' : c);
        }

        return text.ToString();
    }
}
