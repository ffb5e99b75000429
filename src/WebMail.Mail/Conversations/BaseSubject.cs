using System.Text;

namespace WebMail.Mail.Conversations;

/// <summary>
/// The base subject of RFC 5256 §2.1: whitespace collapsed, trailing "(fwd)", leading "Re:", "Fw:", "Fwd:" (with an
/// optional "[blob]" before the colon) and leading "[blob]"s removed, "[fwd: … ]" unwrapped; compared without case.
/// </summary>
public static class BaseSubject
{
    public static string Of(string? subject)
    {
        var s = Collapse(subject ?? "");
        while (true)
        {
            string before;
            do
            {
                before = s;
                s = StripTrailing(s);
                s = StripLeading(s);
            }
            while (s != before);

            if (s.Length > 6 && s.StartsWith("[fwd:", StringComparison.OrdinalIgnoreCase) && s.EndsWith(']'))
            {
                s = s[5..^1].Trim();
                continue;
            }

            return s.ToUpperInvariant();
        }
    }

    private static string Collapse(string value)
    {
        var builder = new StringBuilder(value.Length);
        var space = false;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string StripTrailing(string s)
    {
        while (true)
        {
            var trimmed = s.TrimEnd();
            if (trimmed.EndsWith("(fwd)", StringComparison.OrdinalIgnoreCase))
            {
                s = trimmed[..^5];
                continue;
            }

            return trimmed;
        }
    }

    /// <summary>Removes one leading "re:"/"fw:"/"fwd:" (with blob) or one leading blob that leaves something behind.</summary>
    private static string StripLeading(string s)
    {
        s = s.TrimStart();
        var at = 0;
        if (StartsWithWord(s, "fwd", ref at) || StartsWithWord(s, "fw", ref at) || StartsWithWord(s, "re", ref at))
        {
            var i = SkipSpaces(s, at);
            if (i < s.Length && s[i] == '[' && Blob(s, i) is var end and > 0)
            {
                i = SkipSpaces(s, end);
            }

            if (i < s.Length && s[i] == ':')
            {
                return s[(i + 1)..].TrimStart();
            }
        }

        if (s.Length > 0 && s[0] == '[' && Blob(s, 0) is var blobEnd and > 0)
        {
            var rest = s[blobEnd..].TrimStart();
            if (rest.Length > 0)
            {
                return rest;
            }
        }

        return s;
    }

    private static bool StartsWithWord(string s, string word, ref int at)
    {
        if (s.StartsWith(word, StringComparison.OrdinalIgnoreCase))
        {
            at = word.Length;
            return true;
        }

        return false;
    }

    private static int SkipSpaces(string s, int i)
    {
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }

        return i;
    }

    /// <summary>The index after "[...]" starting at <paramref name="start"/>, or -1 (a blob holds no brackets).</summary>
    private static int Blob(string s, int start)
    {
        for (var i = start + 1; i < s.Length; i++)
        {
            if (s[i] == '[')
            {
                return -1;
            }

            if (s[i] == ']')
            {
                return i + 1;
            }
        }

        return -1;
    }
}
