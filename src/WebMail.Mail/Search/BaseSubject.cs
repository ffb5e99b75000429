using System.Text;

namespace WebMail.Mail.Search;

/// <summary>
/// The base subject of RFC 5256 (section 2.1), as SORT SUBJECT and threading compare it: reply and forward markers
/// (<c>Re:</c>, <c>Fw:</c>, <c>Fwd:</c>, <c>[list]</c> blobs, a trailing <c>(fwd)</c>, a <c>[Fwd: …]</c> wrapper) removed,
/// white space collapsed, upper-cased for a case-insensitive comparison.
/// </summary>
public static class BaseSubject
{
    public static string Of(string? subject)
    {
        // (1) Decoded already (MimeKit); white space to single spaces.
        var text = Collapse(subject ?? "");
        while (true)
        {
            // (2) Trailers: "(fwd)" and white space, repeatedly.
            while (true)
            {
                var trimmed = text.TrimEnd();
                if (trimmed.EndsWith("(fwd)", StringComparison.OrdinalIgnoreCase))
                {
                    trimmed = trimmed[..^5];
                }

                if (trimmed.Length == text.Length)
                {
                    break;
                }

                text = trimmed;
            }

            // (3)-(4) Leaders ("Re:", "[blob] Fwd:") and a leading blob, as long as something is left.
            while (true)
            {
                var before = text;
                text = text.TrimStart();
                while (StripLeader(ref text))
                {
                }

                if (SkipBlob(text, 0) is var end and > 0 && end < text.Length && text[end..].Trim().Length > 0)
                {
                    text = text[end..];
                }

                if (text == before)
                {
                    break;
                }
            }

            // (5) "[fwd: subject]": strip the wrapper and start again.
            if (text.StartsWith("[fwd:", StringComparison.OrdinalIgnoreCase) && text.EndsWith(']'))
            {
                text = text[5..^1];
                continue;
            }

            return text.Trim().ToUpperInvariant();
        }
    }

    /// <summary>subj-leader: (subj-blob)* subj-refwd, where subj-refwd = ("re" / "fw" ["d"]) *WSP [subj-blob] ":".</summary>
    private static bool StripLeader(ref string text)
    {
        var at = 0;
        while (SkipBlob(text, at) is var next and > 0 && next != at)
        {
            at = next;
        }

        var rest = text.AsSpan(at);
        int length;
        if (rest.StartsWith("re", StringComparison.OrdinalIgnoreCase))
        {
            length = 2;
        }
        else if (rest.StartsWith("fwd", StringComparison.OrdinalIgnoreCase))
        {
            length = 3;
        }
        else if (rest.StartsWith("fw", StringComparison.OrdinalIgnoreCase))
        {
            length = 2;
        }
        else
        {
            return false;
        }

        var i = at + length;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (SkipBlob(text, i) is var afterBlob and > 0)
        {
            i = afterBlob;
        }

        if (i < text.Length && text[i] == ':')
        {
            text = text[(i + 1)..].TrimStart();
            return true;
        }

        return false;
    }

    /// <summary>The end of a subj-blob (<c>[…]</c> without brackets inside, then white space) at <paramref name="at"/>; -1 if none.</summary>
    private static int SkipBlob(string text, int at)
    {
        if (at >= text.Length || text[at] != '[')
        {
            return -1;
        }

        var close = text.IndexOfAny(['[', ']'], at + 1);
        if (close < 0 || text[close] != ']')
        {
            return -1;
        }

        var end = close + 1;
        while (end < text.Length && text[end] == ' ')
        {
            end++;
        }

        return end;
    }

    private static string Collapse(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space && result.Length > 0)
            {
                result.Append(' ');
            }

            space = false;
            result.Append(c);
        }

        return result.ToString();
    }
}
