using System.Text;

namespace WebMail.Mail.Diagnostics;

/// <summary>
/// Reads the tag and the command name from the start of a client line ("A00000012 UID FETCH 1:5 (FLAGS)" → "UID FETCH"),
/// keeping only names from a fixed list: whatever follows the name (folder names, search words, credentials) is never read.
/// </summary>
internal static class ImapCommandNames
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "APPEND", "AUTHENTICATE", "CAPABILITY", "CHECK", "CLOSE", "COMPRESS", "COPY", "CREATE", "DELETE", "ENABLE", "EXAMINE",
        "EXPUNGE", "FETCH", "GETMETADATA", "GETQUOTA", "GETQUOTAROOT", "ID", "IDLE", "LIST", "LOGIN", "LOGOUT", "LSUB", "MOVE",
        "NAMESPACE", "NOOP", "NOTIFY", "RENAME", "SEARCH", "SELECT", "SETMETADATA", "SORT", "STARTTLS", "STATUS", "STORE",
        "SUBSCRIBE", "THREAD", "UNSELECT", "UNSUBSCRIBE", "MYRIGHTS", "GETACL", "SETACL", "REPLACE",
    };

    /// <summary>Commands that act on the selected folder: their spans carry its special-use role.</summary>
    private static readonly HashSet<string> Selected = new(StringComparer.Ordinal)
    {
        "SELECT", "EXAMINE", "FETCH", "STORE", "SEARCH", "SORT", "THREAD", "EXPUNGE", "COPY", "MOVE", "CLOSE", "UNSELECT",
        "UID FETCH", "UID STORE", "UID SEARCH", "UID SORT", "UID THREAD", "UID EXPUNGE", "UID COPY", "UID MOVE",
    };

    public static bool OnSelectedFolder(string command) => Selected.Contains(command);

    /// <summary>The command at the start of a client line, or null when the line starts no command (literal data, SASL responses, DONE).</summary>
    public static Command? Parse(ReadOnlySpan<byte> head)
    {
        var tag = Word(ref head);
        if (tag.IsEmpty || tag.Length > 20 || head.IsEmpty || !IsTag(tag))
        {
            return null;
        }

        var name = Name(Word(ref head));
        if (name is null)
        {
            return null;
        }

        string? mechanism = null;
        if (name == "UID")
        {
            var sub = Name(Word(ref head));
            name = sub is "FETCH" or "STORE" or "SEARCH" or "SORT" or "THREAD" or "EXPUNGE" or "COPY" or "MOVE" ? $"UID {sub}" : "UID";
        }
        else if (name == "AUTHENTICATE")
        {
            mechanism = Mechanism(Word(ref head));
        }
        else if (name == "LOGIN")
        {
            mechanism = "LOGIN";
        }

        return new Command(Encoding.ASCII.GetString(tag), name, mechanism);
    }

    private static ReadOnlySpan<byte> Word(ref ReadOnlySpan<byte> rest)
    {
        var end = rest.IndexOfAny((byte)' ', (byte)'\r');
        var word = end < 0 ? rest : rest[..end];
        rest = end < 0 || rest[end] == (byte)'\r' ? [] : rest[(end + 1)..];
        return word;
    }

    private static bool IsTag(ReadOnlySpan<byte> tag)
    {
        foreach (var b in tag)
        {
            if (!char.IsAsciiLetterOrDigit((char)b) && b is not ((byte)'.' or (byte)'-' or (byte)'_'))
            {
                return false;
            }
        }

        return true;
    }

    private static string? Name(ReadOnlySpan<byte> word)
    {
        if (word.IsEmpty || word.Length > 16)
        {
            return null;
        }

        var name = Encoding.ASCII.GetString(word).ToUpperInvariant();
        return name == "UID" || Known.Contains(name) ? name : "OTHER";
    }

    /// <summary>A SASL mechanism name (RFC 4422: up to 20 of A-Z, 0-9, '-', '_'); anything else is not kept.</summary>
    private static string? Mechanism(ReadOnlySpan<byte> word)
    {
        if (word.IsEmpty || word.Length > 20)
        {
            return null;
        }

        foreach (var b in word)
        {
            if (!char.IsAsciiLetterUpper((char)b) && !char.IsAsciiDigit((char)b) && b is not ((byte)'-' or (byte)'_'))
            {
                return null;
            }
        }

        return Encoding.ASCII.GetString(word);
    }

    public sealed record Command(string Tag, string Name, string? Mechanism);
}
